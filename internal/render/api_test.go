package render

import (
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// TestTemplateAPI snapshots what templates get: the exported fields and
// methods of Page and of every named type reachable from it or from a
// template function, and the functions' signatures. A change to the
// theme's API then shows in review as a change to
// testdata/template-api.txt (docs/templates.md documents it); go test
// -update rewrites the file.
func TestTemplateAPI(t *testing.T) {
	got := templateAPI()
	const file = "testdata/template-api.txt"
	if *updateJSON {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the template API changed: if on purpose, update docs/templates.md and run go test ./internal/render -update\n%s", lineDiff(string(want), got))
	}
}

func templateAPI() string {
	var b strings.Builder
	seen := map[reflect.Type]bool{}
	var queue []reflect.Type
	var visit func(t reflect.Type)
	visit = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
			if t.Kind() == reflect.Map {
				visit(t.Key())
			}
			t = t.Elem()
		}
		if t.Name() == "" || !strings.HasPrefix(t.PkgPath(), "dossier/") || seen[t] {
			return
		}
		seen[t] = true
		queue = append(queue, t)
	}
	fmt.Fprintln(&b, "# Functions")
	names := make([]string, 0, len(funcs))
	for name := range funcs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		ft := reflect.TypeOf(funcs[name])
		fmt.Fprintf(&b, "%s%s\n", name, signature(ft, 0))
		for i := range ft.NumIn() {
			visit(ft.In(i))
		}
		for i := range ft.NumOut() {
			visit(ft.Out(i))
		}
	}
	visit(reflect.TypeOf(Page{}))
	visit(reflect.TypeOf(NoteView{}))
	visit(reflect.TypeOf(MarkView{}))
	var types []reflect.Type
	for len(queue) > 0 {
		t := queue[0]
		queue = queue[1:]
		if t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			visit(t)
			continue
		}
		types = append(types, t)
		if t.Kind() == reflect.Struct {
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() {
					visit(f.Type)
				}
			}
		}
		pt := reflect.PointerTo(t)
		for i := range pt.NumMethod() {
			m := pt.Method(i).Type
			for j := 1; j < m.NumIn(); j++ {
				visit(m.In(j))
			}
			for j := range m.NumOut() {
				visit(m.Out(j))
			}
		}
	}
	sort.Slice(types, func(i, j int) bool { return types[i].String() < types[j].String() })
	for _, t := range types {
		fmt.Fprintf(&b, "\n# %s (%s)\n", t.String(), t.Kind())
		if t.Kind() == reflect.Struct {
			for i := range t.NumField() {
				if f := t.Field(i); f.IsExported() {
					fmt.Fprintf(&b, "%s %s\n", f.Name, f.Type)
				}
			}
		}
		pt := reflect.PointerTo(t)
		for i := range pt.NumMethod() {
			m := pt.Method(i)
			fmt.Fprintf(&b, "%s%s\n", m.Name, signature(m.Type, 1))
		}
	}
	return b.String()
}

// lineDiff lists the lines only in a (-) and only in b (+).
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ia, ib := in(a), in(b)
	var out strings.Builder
	for _, l := range strings.Split(a, "\n") {
		if !ib[l] {
			out.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ia[l] {
			out.WriteString("+ " + l + "\n")
		}
	}
	return out.String()
}

// signature writes a function type's parameters and results, from its
// parameter from on (1 leaves a method's receiver out).
func signature(ft reflect.Type, from int) string {
	var in, out []string
	for i := from; i < ft.NumIn(); i++ {
		s := ft.In(i).String()
		if ft.IsVariadic() && i == ft.NumIn()-1 {
			s = "..." + ft.In(i).Elem().String()
		}
		in = append(in, s)
	}
	for i := range ft.NumOut() {
		out = append(out, ft.Out(i).String())
	}
	s := "(" + strings.Join(in, ", ") + ")"
	switch len(out) {
	case 0:
	case 1:
		s += " " + out[0]
	default:
		s += " (" + strings.Join(out, ", ") + ")"
	}
	return s
}
