package normalize

// The name index maps the key of a name (its token norms in order) to the
// names with that key, and marks keys that begin longer keys so that the
// scanner knows when to read on: a longest-match trie over tokens, stored
// as one open-addressing hash table of 64-bit key hashes. Hashes are built
// token by token, so the scanner never builds key strings, and the table
// holds no pointers, so it is cheap to build and costs the collector
// nothing. A hash collision can only offer a wrong candidate, which the
// token-by-token comparison in fits then rejects.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
	keySep    = 0x1f // between tokens
)

// hashToken extends h, the hash of the tokens so far (fnvOffset for none),
// with one more token norm.
func hashToken(h uint64, first bool, norm string) uint64 {
	if !first {
		h = (h ^ keySep) * fnvPrime
	}
	for i := 0; i < len(norm); i++ {
		h = (h ^ uint64(norm[i])) * fnvPrime
	}
	return h
}

func hashKey(toks []token) uint64 {
	h := uint64(fnvOffset)
	for i := range toks {
		h = hashToken(h, i == 0, toks[i].norm)
	}
	return h
}

// Slot values: the group number + 1 in the low bits, prefixBit when
// longer keys start with this one.
const prefixBit = 1 << 31

type table struct {
	keys []uint64 // 0: empty
	vals []uint32
	mask uint64
	n    int
}

func newTable(n int) table {
	size := 1 << 10
	for size < 2*n {
		size <<= 1
	}
	return table{keys: make([]uint64, size), vals: make([]uint32, size), mask: uint64(size - 1)}
}

func fixHash(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// slot returns the slot of h, or the empty slot where it belongs.
func (t *table) slot(h uint64) uint64 {
	h = fixHash(h)
	i := (h ^ h>>29) & t.mask
	for t.keys[i] != 0 && t.keys[i] != h {
		i = (i + 1) & t.mask
	}
	return i
}

func (t *table) get(h uint64) (uint32, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	i := t.slot(h)
	if t.keys[i] == 0 {
		return 0, false
	}
	return t.vals[i], true
}

// at returns the slot of h, claiming an empty one (and growing the table
// when it gets half full).
func (t *table) at(h uint64) uint64 {
	if len(t.keys) == 0 {
		*t = newTable(0)
	}
	i := t.slot(h)
	if t.keys[i] == 0 {
		t.n++
		if 2*t.n > len(t.keys) {
			old := *t
			*t = newTable(len(old.keys))
			t.n = old.n
			for k, key := range old.keys {
				if key != 0 {
					j := t.slot(key)
					t.keys[j], t.vals[j] = key, old.vals[k]
				}
			}
			i = t.slot(h)
		}
		t.keys[i] = fixHash(h)
	}
	return i
}

// pending is a name waiting for the index to be finished, chained to the
// next name of its group.
type pending struct {
	ref  nameRef
	next int32 // -1: last
}

// add files a name under its key hash.
func (lx *Lexicon) add(h uint64, r nameRef) {
	i := lx.table.at(h)
	p := int32(len(lx.pending))
	lx.pending = append(lx.pending, pending{ref: r, next: -1})
	g := lx.table.vals[i] &^ prefixBit
	if g == 0 {
		lx.chains = append(lx.chains, [2]int32{p, p})
		lx.table.vals[i] |= uint32(len(lx.chains))
		return
	}
	c := &lx.chains[g-1]
	lx.pending[c[1]].next = p
	c[1] = p
}

// mark flags a key hash as the start of longer keys.
func (lx *Lexicon) mark(h uint64) {
	i := lx.table.at(h)
	lx.table.vals[i] |= prefixBit
}

// finish lays the names out group by group, in the order they came,
// dropping duplicates (same entity, same form).
func (lx *Lexicon) finish() {
	lx.refs = make([]nameRef, 0, len(lx.pending))
	lx.groups = make([][2]int32, len(lx.chains))
	for g, c := range lx.chains {
		start := len(lx.refs)
		for p := c[0]; p >= 0; p = lx.pending[p].next {
			r := lx.pending[p].ref
			dup := false
			for _, x := range lx.refs[start:] {
				if x.ent == r.ent && x.form == r.form {
					dup = true
					break
				}
			}
			if !dup {
				lx.refs = append(lx.refs, r)
			}
		}
		lx.groups[g] = [2]int32{int32(start), int32(len(lx.refs))}
	}
	lx.pending, lx.chains = nil, nil
}

// lookup returns the slot value of a key hash.
func (lx *Lexicon) lookup(h uint64) (uint32, bool) { return lx.table.get(h) }

// group returns the names of a slot value's group.
func (lx *Lexicon) group(v uint32) []nameRef {
	g := v &^ prefixBit
	if g == 0 {
		return nil
	}
	s := lx.groups[g-1]
	return lx.refs[s[0]:s[1]]
}

// named returns the names whose key is that of form.
func (lx *Lexicon) named(form string) []nameRef {
	v, ok := lx.lookup(hashKey(tokenize(form)))
	if !ok {
		return nil
	}
	return lx.group(v)
}
