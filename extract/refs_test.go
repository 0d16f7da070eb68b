package extract

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseReference(t *testing.T) {
	p := func(family, initials string) Person { return Person{Family: family, Initials: initials} }
	tests := []struct {
		name string
		in   string
		want Reference
	}{{
		name: "spandidos with year in title",
		in:   "Siegel RL, Miller KD, Fuchs HE and Jemal A: Cancer statistics, 2022. *CA Cancer J Clin* 72: 7-33, 2022.",
		want: Reference{Authors: []Person{p("Siegel", "RL"), p("Miller", "KD"), p("Fuchs", "HE"), p("Jemal", "A")},
			Title: "Cancer statistics, 2022", Journal: "CA Cancer J Clin", Volume: "72", Pages: "7-33", FirstPage: "7", LastPage: "33", Year: 2022},
	}, {
		name: "spandidos suffix, et al, supplementary pages",
		in:   "Diaz LA Jr, Williams RT, *et al*: The molecular evolution of acquired resistance. *Cell* 111: 30-48 e14, 2023.",
		want: Reference{Authors: []Person{{Family: "Diaz", Initials: "LA", Suffix: "Jr"}, p("Williams", "RT")}, EtAl: true,
			Title: "The molecular evolution of acquired resistance", Journal: "Cell", Volume: "111", Pages: "30-48 e14", FirstPage: "30", LastPage: "48.e14", Year: 2023},
	}, {
		name: "spandidos two-letter initials that look like a suffix, article number",
		in:   "Kim ES, Wistuba II and Siddik ZH: Copper transporter CTR1 expression. *Sci Transl Med* 10: eaaf7444, 2018.",
		want: Reference{Authors: []Person{p("Kim", "ES"), p("Wistuba", "II"), p("Siddik", "ZH")},
			Title: "Copper transporter CTR1 expression", Journal: "Sci Transl Med", Volume: "10", Pages: "eaaf7444", FirstPage: "eaaf7444", Year: 2018},
	}, {
		name: "spandidos italic species in title, multiword surnames",
		in:   "Tallón de Lara P, Ray Chaudhuri A and van Vliet EJ: *Fusobacterium nucleatum*-derived succinic acid. *Cancers (Basel)* 13: 3922, 2021.",
		want: Reference{Authors: []Person{p("Tallón de Lara", "P"), p("Ray Chaudhuri", "A"), p("van Vliet", "EJ")},
			Title: "Fusobacterium nucleatum-derived succinic acid", Journal: "Cancers (Basel)", Volume: "13", Pages: "3922", FirstPage: "3922", Year: 2021},
	}, {
		name: "title with colon and question mark",
		in:   "Yeh AC and Ramaswamy S: Mechanisms of cancer cell dormancy—another hallmark of cancer? *Cancer Res* 75: 5014-5022, 2015.",
		want: Reference{Authors: []Person{p("Yeh", "AC"), p("Ramaswamy", "S")},
			Title: "Mechanisms of cancer cell dormancy—another hallmark of cancer?", Journal: "Cancer Res", Volume: "75", Pages: "5014-5022", FirstPage: "5014", LastPage: "5022", Year: 2015},
	}, {
		name: "nlm with issue, shortened pages, doi",
		in:   "Vaupel P, Mayer A. Hypoxia in cancer: significance and impact on clinical outcome. Cancer Metastasis Rev. 2007;26(2):225-39. doi:10.1007/s10555-007-9055-1",
		want: Reference{Authors: []Person{p("Vaupel", "P"), p("Mayer", "A")},
			Title: "Hypoxia in cancer: significance and impact on clinical outcome", Journal: "Cancer Metastasis Rev", Volume: "26", Issue: "2",
			Pages: "225-39", FirstPage: "225", LastPage: "239", Year: 2007, DOI: "10.1007/s10555-007-9055-1"},
	}, {
		name: "nlm with month, pmid, et al.",
		in:   "Wilson WR, Hay MP, et al. Targeting hypoxia in cancer therapy. Nat Rev Cancer. 2011 Jun;11(6):393-410. PMID: 21606941",
		want: Reference{Authors: []Person{p("Wilson", "WR"), p("Hay", "MP")}, EtAl: true,
			Title: "Targeting hypoxia in cancer therapy", Journal: "Nat Rev Cancer", Volume: "11", Issue: "6",
			Pages: "393-410", FirstPage: "393", LastPage: "410", Year: 2011, PMID: "21606941"},
	}, {
		name: "nature dotted initials and journal",
		in:   "Sosa, M. S., Bragado, P. & Aguirre-Ghiso, J. A. Mechanisms of disseminated cancer cell dormancy: an awakening field. Nat. Rev. Cancer 14, 611–622 (2014).",
		want: Reference{Authors: []Person{p("Sosa", "MS"), p("Bragado", "P"), p("Aguirre-Ghiso", "JA")},
			Title: "Mechanisms of disseminated cancer cell dormancy: an awakening field", Journal: "Nat. Rev. Cancer", Volume: "14",
			Pages: "611–622", FirstPage: "611", LastPage: "622", Year: 2014},
	}, {
		name: "nature journal with a long abbreviation",
		in:   "Recasens, A. & Munoz, L. Targeting cancer cell dormancy. Trends Pharmacol. Sci. 40, 128–141 (2019).",
		want: Reference{Authors: []Person{p("Recasens", "A"), p("Munoz", "L")},
			Title: "Targeting cancer cell dormancy", Journal: "Trends Pharmacol. Sci.", Volume: "40",
			Pages: "128–141", FirstPage: "128", LastPage: "141", Year: 2019},
	}, {
		name: "springer year after authors",
		in:   "Hanahan D, Weinberg RA (2011) Hallmarks of cancer: the next generation. Cell 144(5):646–674",
		want: Reference{Authors: []Person{p("Hanahan", "D"), p("Weinberg", "RA")},
			Title: "Hallmarks of cancer: the next generation", Journal: "Cell", Volume: "144", Issue: "5",
			Pages: "646–674", FirstPage: "646", LastPage: "674", Year: 2011},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseReference(tt.in)
			if err != nil {
				t.Fatalf("ParseReference: %v", err)
			}
			got.Raw, got.Src = "", [2]int{}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseReferenceReportsMissingFields(t *testing.T) {
	r, err := ParseReference("World Health Organization. Global cancer observatory. Lyon: IARC.")
	if !errors.Is(err, ErrReference) {
		t.Fatalf("err = %v, want ErrReference", err)
	}
	if !strings.Contains(err.Error(), "year") {
		t.Errorf("error %q does not name the missing year", err)
	}
	if r.Raw == "" {
		t.Error("Raw is empty: the printed text must be kept even when parsing fails")
	}
}

func TestSplitPages(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"409-436", "409", "436"},
		{"1078-88", "1078", "1088"},
		{"225-39", "225", "239"},
		{"3233", "3233", ""},
		{"e22976", "e22976", ""},
		{"30-48 e14", "30", "48.e14"},
		{"81-89.e10", "81", "89.e10"},
		{"128–141", "128", "141"},
		{"S1-S10", "S1", "S10"},
		{"", "", ""},
	}
	for _, tt := range tests {
		first, last := splitPages(tt.in)
		if first != tt.first || last != tt.last {
			t.Errorf("splitPages(%q) = %q, %q; want %q, %q", tt.in, first, last, tt.first, tt.last)
		}
	}
}

func FuzzParseReference(f *testing.F) {
	for _, s := range []string{
		"Siegel RL and Jemal A: Cancer statistics, 2022. *CA Cancer J Clin* 72: 7-33, 2022.",
		"Vaupel P. Hypoxia. Rev. 2007;26(2):225-39. doi:10.1007/s10555-007-9055-1",
		"Sosa, M. S. & Bragado, P. Title. Nat. Rev. Cancer 14, 611–622 (2014).",
		"*", ": :", "10.1/x", "(2011) ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		r, err := ParseReference(s)
		if err != nil && !errors.Is(err, ErrReference) {
			t.Fatalf("unexpected error kind: %v", err)
		}
		if r.Year != 0 && (r.Year < 1500 || r.Year > 2099) { // the years anyYear reads
			t.Fatalf("year %d out of range", r.Year)
		}
		if r.Authors == nil {
			t.Fatal("Authors is nil; want an empty list for JSON")
		}
		for _, a := range r.Authors {
			if a.Family == "" {
				t.Fatalf("author without family name in %+v", r.Authors)
			}
		}
	})
}
