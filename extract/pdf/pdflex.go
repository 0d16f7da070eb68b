package pdf

// A content stream is read once (through ledongthuc/pdf's stream
// decoding, which handles filters and encryption) and tokenized here;
// so are the CMaps of fonts (ToUnicode), written in the same PostScript
// syntax.
// pdf.Interpret would do it too, but boxes every token in a pdf.Value,
// needs the stream decoded twice to be bounded in size, and reads the
// binary data of inline images (BI ... ID ... EI) as operators.

// operand is a content stream operand.
type operand struct {
	kind opKind
	num  float64
	s    string    // string bytes, or name without the slash
	hex  bool      // a string written in hex: CMaps tell codes that way
	arr  []operand // array elements
}

type opKind uint8

const (
	opNull opKind = iota
	opNum
	opName
	opString
	opArray
	opOther // dictionaries, booleans: skipped
)

// contentLexer tokenizes a content stream or a CMap.
type contentLexer struct {
	d     []byte
	i     int
	depth int
	names map[string]string // names seen, so that each is allocated once
}

// next returns the next operand, or the next operator (op != ""), or
// ok == false at the end.
func (l *contentLexer) next() (o operand, op string, ok bool) {
	d := l.d
	for l.i < len(d) {
		c := d[l.i]
		switch {
		case isWhite(c):
			l.i++
		case c == '%':
			for l.i < len(d) && d[l.i] != '\n' && d[l.i] != '\r' {
				l.i++
			}
		case c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.':
			return operand{kind: opNum, num: l.number()}, "", true
		case c == '/':
			return operand{kind: opName, s: l.name()}, "", true
		case c == '(':
			return operand{kind: opString, s: l.literal()}, "", true
		case c == '<' && l.i+1 < len(d) && d[l.i+1] == '<':
			l.skipDict()
			return operand{kind: opOther}, "", true
		case c == '<':
			return operand{kind: opString, s: l.hex(), hex: true}, "", true
		case c == '[':
			l.i++
			return l.array(), "", true
		case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
			l.i++ // stray delimiter
		default:
			start := l.i
			for l.i < len(d) && !isDelimByte(d[l.i]) {
				l.i++
			}
			if l.i == start {
				l.i++
				continue
			}
			w := d[start:l.i]
			switch string(w) {
			case "true", "false", "null":
				return operand{kind: opOther}, "", true
			case "BI":
				l.skipInlineImage()
				return operand{}, "ID", true
			}
			return operand{}, string(w), true
		}
	}
	return operand{}, "", false
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

// number parses a PDF number (no exponents in PDF syntax).
func (l *contentLexer) number() float64 {
	d := l.d
	neg := false
	if d[l.i] == '-' || d[l.i] == '+' {
		neg = d[l.i] == '-'
		l.i++
	}
	var v float64
	for l.i < len(d) && d[l.i] >= '0' && d[l.i] <= '9' {
		v = v*10 + float64(d[l.i]-'0')
		l.i++
	}
	if l.i < len(d) && d[l.i] == '.' {
		l.i++
		scale := 0.1
		for l.i < len(d) && d[l.i] >= '0' && d[l.i] <= '9' {
			v += float64(d[l.i]-'0') * scale
			scale /= 10
			l.i++
		}
	}
	// Malformed numbers ("1.2.3", "--4") end at the next delimiter.
	for l.i < len(d) && !isDelimByte(d[l.i]) {
		l.i++
	}
	if neg {
		v = -v
	}
	return v
}

func (l *contentLexer) name() string {
	d := l.d
	l.i++
	start := l.i
	plain := true
	for l.i < len(d) && !isDelimByte(d[l.i]) {
		if d[l.i] == '#' {
			plain = false
		}
		l.i++
	}
	if plain {
		if n, ok := l.names[string(d[start:l.i])]; ok {
			return n
		}
		n := string(d[start:l.i])
		if l.names == nil {
			l.names = map[string]string{}
		}
		if len(l.names) < 4096 {
			l.names[n] = n
		}
		return n
	}
	var b []byte
	for k := start; k < l.i; k++ {
		if d[k] == '#' && k+2 < l.i && unhex(d[k+1]) >= 0 && unhex(d[k+2]) >= 0 {
			b = append(b, byte(unhex(d[k+1])<<4|unhex(d[k+2])))
			k += 2
			continue
		}
		b = append(b, d[k])
	}
	return string(b)
}

// hex reads a hex string, "<48656C6C6F>", at l.i; white space inside is
// skipped and an odd last digit is followed by an implied 0.
func (l *contentLexer) hex() string {
	d := l.d
	l.i++
	b := make([]byte, 0, 16)
	hi := -1
	for l.i < len(d) && d[l.i] != '>' {
		if v := unhex(d[l.i]); v >= 0 {
			if hi < 0 {
				hi = v
			} else {
				b = append(b, byte(hi<<4|v))
				hi = -1
			}
		}
		l.i++
	}
	if hi >= 0 {
		b = append(b, byte(hi<<4))
	}
	l.i++
	return string(b)
}

// literal reads a (string) at l.i with its escapes.
func (l *contentLexer) literal() string {
	d := l.d
	l.i++
	var b []byte
	depth := 1
	for l.i < len(d) {
		c := d[l.i]
		l.i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(b)
			}
		case '\\':
			if l.i >= len(d) {
				return string(b)
			}
			e := d[l.i]
			l.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := int(e - '0')
				for k := 0; k < 2 && l.i < len(d) && d[l.i] >= '0' && d[l.i] <= '7'; k++ {
					v = v*8 + int(d[l.i]-'0')
					l.i++
				}
				c = byte(v)
			default:
				c = e
			}
		}
		b = append(b, c)
	}
	return string(b)
}

func (l *contentLexer) array() operand {
	a := operand{kind: opArray}
	if l.depth > 16 {
		return operand{kind: opOther}
	}
	l.depth++
	defer func() { l.depth-- }()
	for l.i < len(l.d) {
		for l.i < len(l.d) && isWhite(l.d[l.i]) {
			l.i++
		}
		if l.i < len(l.d) && l.d[l.i] == ']' {
			l.i++
			return a
		}
		o, op, ok := l.next()
		if !ok {
			break
		}
		if op != "" {
			continue // an operator inside an array: malformed, skipped
		}
		if len(a.arr) < 1<<16 {
			a.arr = append(a.arr, o)
		}
	}
	return a
}

// skipDict skips a << ... >> dictionary, nested ones included.
func (l *contentLexer) skipDict() {
	d := l.d
	depth := 0
	for l.i < len(d) {
		switch {
		case d[l.i] == '<' && l.i+1 < len(d) && d[l.i+1] == '<':
			depth++
			l.i += 2
		case d[l.i] == '>' && l.i+1 < len(d) && d[l.i+1] == '>':
			depth--
			l.i += 2
			if depth == 0 {
				return
			}
		case d[l.i] == '(':
			l.literal()
		default:
			l.i++
		}
	}
}

// skipInlineImage skips an inline image from after "BI" to after "EI":
// its dictionary, "ID", one white-space byte, the data, and "EI" set off
// by white space.
func (l *contentLexer) skipInlineImage() {
	d := l.d
	for l.i+1 < len(d) && !(d[l.i] == 'I' && d[l.i+1] == 'D' && (l.i == 0 || isWhite(d[l.i-1])) && (l.i+2 >= len(d) || isWhite(d[l.i+2]))) {
		if d[l.i] == '(' {
			l.literal()
			continue
		}
		l.i++
	}
	l.i += 3
	for l.i+1 < len(d) {
		if d[l.i] == 'E' && d[l.i+1] == 'I' && isWhite(d[l.i-1]) && (l.i+2 >= len(d) || isWhite(d[l.i+2])) {
			l.i += 2
			return
		}
		l.i++
	}
	l.i = len(d)
}
