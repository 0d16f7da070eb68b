package normalize

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// GeneRecord is one gene as the gene lexicon lists it.
type GeneRecord struct {
	ID      int // NCBI Gene ID
	Symbol  string
	Name    string // official full name
	Type    string // NCBI gene type: "protein-coding", "ncRNA"
	Aliases []string
}

// GeneSource describes where the gene records come from, for the header.
type GeneSource struct {
	Source  string // "NCBI Gene via Bioconductor org.Hs.eg.db 3.16.0 ..."
	License string
	Notes   []string
}

// FormatGenes writes the gene lexicon: header lines, then one gene per
// line, sorted by NCBI Gene ID. The last column lists the gene's names
// that are also English words ("CAT"), which are matched only in capitals.
func FormatGenes(src GeneSource, genes []GeneRecord) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# name: genes\n# source: %s\n# license: %s\n", oneLine(src.Source), oneLine(src.License))
	for _, n := range src.Notes {
		fmt.Fprintf(&b, "# %s\n", oneLine(n))
	}
	b.WriteString(strings.Join(GeneColumns, "\t") + "\n")
	gs := append([]GeneRecord(nil), genes...)
	sort.Slice(gs, func(i, j int) bool { return gs[i].ID < gs[j].ID })
	english := EnglishWords()
	for _, g := range gs {
		var aliases, words []string
		seen := map[string]bool{g.Symbol: true}
		if english[strings.ToLower(g.Symbol)] {
			words = append(words, g.Symbol)
		}
		as := append([]string(nil), g.Aliases...)
		sort.Strings(as)
		for _, a := range as {
			a = oneLine(strings.ReplaceAll(a, "|", "/"))
			if a == "" || seen[a] {
				continue
			}
			seen[a] = true
			aliases = append(aliases, a)
			if english[strings.ToLower(a)] {
				words = append(words, a)
			}
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", strconv.Itoa(g.ID), oneLine(g.Symbol), oneLine(g.Name),
			oneLine(g.Type), strings.Join(aliases, "|"), strings.Join(words, "|"))
	}
	return b.Bytes()
}

func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }), " ")
}

var (
	englishOnce sync.Once
	english     map[string]bool
)

// EnglishWords returns lower-case English words of two letters or more:
// the vocabulary of prose's part-of-speech tagger (trained on newswire),
// plus common words it lacks that collide with gene names.
func EnglishWords() map[string]bool {
	englishOnce.Do(func() {
		english = map[string]bool{}
		add := func(w string) {
			if len(w) < 2 {
				return
			}
			for i := 0; i < len(w); i++ {
				if w[i] < 'a' || w[i] > 'z' {
					return
				}
			}
			english[w] = true
		}
		if b, err := prose.Asset("model/AveragedPerceptron/weights.gob"); err == nil {
			var w map[string]map[string]float64
			if gob.NewDecoder(bytes.NewReader(b)).Decode(&w) == nil {
				for k := range w {
					for _, p := range []string{"i word ", "i-1 word ", "i+1 word "} {
						if strings.HasPrefix(k, p) {
							add(k[len(p):])
						}
					}
				}
			}
		}
		if b, err := prose.Asset("model/AveragedPerceptron/tags.gob"); err == nil {
			var t map[string]string
			if gob.NewDecoder(bytes.NewReader(b)).Decode(&t) == nil {
				for k := range t {
					add(k)
				}
			}
		}
		for _, w := range strings.Fields(extraEnglish) {
			add(w)
		}
	})
	return english
}

// extraEnglish are everyday words missing from the tagger's vocabulary
// that are also gene symbols or aliases.
const extraEnglish = `
aim cat car cap bad bag bat bed big bit bin box bus can cut dab damage dim dog
ear egg end fan fat fig fin fit fly fur gap gas hip hit hop hug ice ink jam jar
key kit lab lag lap led leg lid lip log mad map mat men met mid mix mob mud nap
net nod nut odd pad pan pat pen pet pig pin pit pod pot rag ram rat raw ray red
rib rim rod rot row rub rug sad sag sat saw set sex shy sin sip sit ski sky sly
sod son spa spy sum sun tab tag tan tap tar tax tea ten tie tin tip toe ton top
toy tub tug van vat vet war was wax web wet wig win wit yak yam zip zoo
able also aloe arch army bald band bank bark barn bath bead beam bean bear beat
bell belt best bike bind bird bite blue boat body bold bolt bone book boot boss
bowl bulk burn bush cage cake calm came camp card care cart case cash cast cave
cell chin chip city clay clip club coal coat code coil cold cook cool cope copy
cord core cost crab crew crop cube cure dark dart dash data dawn dead deaf deal
dear deep deer desk dial dice diet dirt dish dive dock does doll dome door dose
dove down drag draw drip drop drum dual duck dull dust duty each earl earn ease
east easy echo edge else envy epic even ever evil exit face fact fade fail fair
fake fall fame farm fast fate fear feed feel fell felt file fill film find fine
fire firm fish fist five flag flat flaw flex flip flow foam fold folk food fool
foot fork form fort foul four free frog from fuel full fund fuse gain gait gala
game gate gave gaze gear gene gift girl give glad glow glue goal goat gold golf
gone good grab gray grew grid grim grin grip grit grow gulf hail hair half hall
halt hand hang hard harm hate have head heal heap hear heat held hell help herb
herd here hero hide high hike hill hint hire hold hole holy home hook hope horn
host hour huge hung hunt hurt idea idle inch into iron item jack jail jazz jest
join joke jump jury just keen keep kept kick kind king kiss knee knew knit knot
know lack lady laid lake lamb lamp land lane last late lawn lazy lead leaf leak
lean leap left lend lens less lick life lift like limb lime limp line link lion
list live load loan lock logo long look loop lord lose loss lost loud love luck
lump lung made mail main make male mall mark mask mass mast mate maze meal mean
meat meet melt memo menu mere mesh mess mild milk mill mind mine mint miss mist
mode mole mood moon more moss most moth move much mule must myth nail name navy
near neat neck need nest news next nice nine node none noon norm nose note noun
oath obey once only open oral oval oven over pace pack page paid pain pair pale
palm park part pass past path peak pear peel peer pile pill pine pink pipe plan
play plot plug plus poem poet pole poll pond pool poor pope pork port pose post
pour pray prey pull pump pure push quit race rack rage raid rail rain rank rare
rate read real rear rely rent rest rice rich ride ring riot rise risk road roar
robe rock role roll roof room root rope rose ruin rule rush rust safe sage said
sail salt same sand sang save scan seal seat seed seek seem seen self sell send
sent ship shoe shop shot show shut sick side sign silk sing sink site size skin
slam slip slot slow snap snow soap sock soft soil sold sole some song soon sort
soul soup sour span spin spot star stay stem step stir stop such suit sure swim
tail take tale talk tall tank tape task team tear tell tend tent term test text
than that them then they thin this tide tidy tile till time tiny tire toll tone
tool tour town trap tray tree trim trip true tube tune turn twin type ugly unit
upon urge used user vain vary vast verb very vest view vine void vote wage wait
wake walk wall want warm warn wash wave weak wear week well went were west what
when whip wide wife wild will wind wine wing wire wise wish with wolf wood wool
word wore work worm wrap yard yarn yeah year yell your zero zone
`
