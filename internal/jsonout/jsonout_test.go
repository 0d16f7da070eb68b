package jsonout

import (
	"bytes"
	"encoding/json"
	"testing"
)

type inner struct {
	A string            `json:"a"`
	B []int             `json:"b"`
	M map[string]string `json:"m,omitempty"`
}

type outer struct {
	Name    string   `json:"name"`
	Skip    string   `json:"-"`
	Empty   string   `json:"empty,omitempty"`
	Zero    int      `json:"zero"`
	Items   []inner  `json:"items"`
	None    []inner  `json:"none"`
	Nil     []inner  `json:"nil"`
	Ptr     *inner   `json:"ptr,omitempty"`
	NilPtr  *inner   `json:"nil_ptr"`
	HTML    string   `json:"html"`
	Strings []string `json:"strings"`
	NoTag   bool
	private int
}

// TestSameBytes: what Write writes is json.MarshalIndent's output and a
// newline, for every kind of field the stage outputs have.
func TestSameBytes(t *testing.T) {
	values := []any{
		&outer{
			Name: "x", Zero: 0, None: []inner{},
			Items:   []inner{{A: "1", B: []int{1, 2}}, {A: "<b>&", M: map[string]string{"z": "1", "a": "2"}}},
			Ptr:     &inner{A: "p"},
			HTML:    "a < b & c > d \u2028",
			Strings: []string{"β", ""},
			NoTag:   true,
		},
		outer{},
		&struct{}{},
		[]int{1, 2, 3},
		map[string]int{"b": 2, "a": 1},
		"just a string",
	}
	for i, v := range values {
		want, err := json.MarshalIndent(v, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, '\n')
		var got bytes.Buffer
		if err := Write(&got, v); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("value %d:\ngot  %s\nwant %s", i, got.Bytes(), want)
		}
	}
}

func TestMarshalError(t *testing.T) {
	v := struct {
		C []any `json:"c"`
	}{C: []any{func() {}}}
	if err := Write(&bytes.Buffer{}, v); err == nil {
		t.Error("a function encoded without error")
	}
}
