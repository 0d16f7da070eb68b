// Package jsonout writes a stage output as indented JSON without holding
// the whole encoding in memory: the same bytes as json.MarshalIndent(v,
// "", " ") and a final newline, written field by field and, for the
// long lists of a review (paragraphs, sentences, mentions), element by
// element. A 60 MB text's Document is 80 MB of JSON; encoded at once it
// would be held three times over (the encoding, its indented copy, the
// copy with the newline).
//
// In: a value (a struct, usually, through a pointer) and a writer. Out:
// its JSON, or the encoder's error.
package jsonout

import (
	"bufio"
	"encoding/json"
	"io"
	"reflect"
	"strings"
)

// Write writes v as json.MarshalIndent(v, "", " ") does, then "\n".
func Write(w io.Writer, v any) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := write(bw, v); err != nil {
		return err
	}
	if err := bw.WriteByte('\n'); err != nil {
		return err
	}
	return bw.Flush()
}

func write(w *bufio.Writer, v any) error {
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct || !plain(rv.Type()) {
		return marshal(w, v, "")
	}
	t := rv.Type()
	wrote := false
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, omitEmpty, ok := field(f)
		if !ok {
			continue
		}
		fv := rv.Field(i)
		if omitEmpty && empty(fv) {
			continue
		}
		if wrote {
			w.WriteString(",\n ")
		} else {
			w.WriteString("{\n ")
		}
		wrote = true
		key, _ := json.Marshal(name)
		w.Write(key)
		w.WriteString(": ")
		if fv.Kind() == reflect.Slice && fv.Len() > 0 {
			w.WriteByte('[')
			for j := 0; j < fv.Len(); j++ {
				if j > 0 {
					w.WriteByte(',')
				}
				w.WriteString("\n  ")
				if err := marshal(w, fv.Index(j).Interface(), "  "); err != nil {
					return err
				}
			}
			w.WriteString("\n ]")
			continue
		}
		if err := marshal(w, fv.Interface(), " "); err != nil {
			return err
		}
	}
	if wrote {
		w.WriteString("\n}")
	} else {
		w.WriteString("{}")
	}
	return nil
}

func marshal(w *bufio.Writer, v any, prefix string) error {
	data, err := json.MarshalIndent(v, prefix, " ")
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// plain: a struct whose encoding this package reproduces: no embedded
// fields, no custom marshaling.
func plain(t reflect.Type) bool {
	if t.Implements(marshaler) || reflect.PointerTo(t).Implements(marshaler) {
		return false
	}
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Anonymous {
			return false
		}
	}
	return true
}

var marshaler = reflect.TypeFor[json.Marshaler]()

// field reads a struct field's JSON name and omitempty, as encoding/json
// does for the tags this project writes.
func field(f reflect.StructField) (name string, omitEmpty, ok bool) {
	if !f.IsExported() {
		return "", false, false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false, false
	}
	name, opts, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	for _, o := range strings.Split(opts, ",") {
		if o == "omitempty" {
			omitEmpty = true
		}
	}
	return name, omitEmpty, true
}

// empty is encoding/json's empty value for omitempty.
func empty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return v.Int() == 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return v.Uint() == 0
	case reflect.Float32, reflect.Float64:
		return v.Float() == 0
	case reflect.Interface, reflect.Pointer:
		return v.IsNil()
	}
	return false
}
