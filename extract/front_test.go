package extract

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestParseByline(t *testing.T) {
	got := parseByline("XIN WENG^{1*}, WEI-HONG ZENG^{2*},\nDE-LIANG CAO¹ and Kenji Sato¹,³")
	want := []Author{
		{Name: "Xin Weng", Given: "Xin", Family: "Weng", Affiliations: []string{"1", "*"}},
		{Name: "Wei-Hong Zeng", Given: "Wei-Hong", Family: "Zeng", Affiliations: []string{"2", "*"}},
		{Name: "De-Liang Cao", Given: "De-Liang", Family: "Cao", Affiliations: []string{"1"}},
		{Name: "Kenji Sato", Given: "Kenji", Family: "Sato", Affiliations: []string{"1", "3"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseAffiliations(t *testing.T) {
	got := parseAffiliations("¹Dept A, Hunan 421001, P.R. China; ²Lab B, Changsha. ³Inst C, Kyoto, Japan.\n^{4}Dept D, Oslo")
	want := []Affiliation{
		{Label: "1", Text: "Dept A, Hunan 421001, P.R. China"},
		{Label: "2", Text: "Lab B, Changsha"},
		{Label: "3", Text: "Inst C, Kyoto, Japan"},
		{Label: "4", Text: "Dept D, Oslo"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestParseAffiliationsWrapped(t *testing.T) {
	got := parseAffiliations("¹Department of Oncology, University\nHospital, Springfield;\n²Institute of Biology, Rome")
	want := []Affiliation{
		{Label: "1", Text: "Department of Oncology, University Hospital, Springfield"},
		{Label: "2", Text: "Institute of Biology, Rome"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

// First-page notes set in one block, as a PDF layout may give them.
func TestFrontNotesInOneBlock(t *testing.T) {
	src := "A title\n\nJANE DOE^{1}\n\n^{1}Dept A, City\n\n" +
		"Correspondence to: Dr Jane Doe, Dept A, City\nE-mail: jane@example.org\nKey words: efflux, dormancy\n\n" +
		"1. Introduction\n\nText (1).\n\nReferences\n\n1. Doe J: A title. *J Test* 1: 2-3, 2020.\n"
	doc, err := Parse(context.Background(), "notes.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	f := doc.Front
	if f.Correspondence == nil || f.Correspondence.Email != "jane@example.org" || f.Correspondence.Address != "Dept A, City" {
		t.Errorf("correspondence: %+v", f.Correspondence)
	}
	if strings.Join(f.Keywords, "|") != "efflux|dormancy" {
		t.Errorf("keywords: %q", f.Keywords)
	}
	if len(f.Authors) != 1 || !f.Authors[0].Corresponding {
		t.Errorf("authors: %+v", f.Authors)
	}
}

func TestIsoDate(t *testing.T) {
	for in, want := range map[string]string{
		"May 17, 2024":    "2024-05-17",
		"3 February 2023": "2023-02-03",
		"Sept. 12, 2024":  "2024-09-12",
		"2024-09-12":      "2024-09-12",
		"Spring 2024":     "Spring 2024",
		"Foo 12, 2024":    "Foo 12, 2024",
	} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseFunding(t *testing.T) {
	got := parseFunding("The present study was partially supported by the Natural Science Foundation of X (2023JJ50135, 2023JJ30521), the Projects of the Y Commission (202201043124), the Aid Program of Z [No. (2023)233] and the Research Foundation of W (grant no. 21B0444).")
	want := []Funding{
		{Funder: "Natural Science Foundation of X", Grants: []string{"2023JJ50135", "2023JJ30521"}},
		{Funder: "Projects of the Y Commission", Grants: []string{"202201043124"}},
		{Funder: "Aid Program of Z", Grants: []string{"(2023)233"}},
		{Funder: "Research Foundation of W", Grants: []string{"21B0444"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	none := parseFunding("This work was supported by the Cancer Research Foundation (London) and by the Example Trust.")
	if len(none) == 0 || len(none[0].Grants) != 0 {
		t.Errorf("a bracket of words is not a grant: %+v", none)
	}
}
