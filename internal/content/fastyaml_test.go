package content

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"dossier/internal/gen"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/txtar"
)

// slowYAML is the path fastYAML stands in for.
func slowYAML(text string) (*yaml.Node, error) {
	var doc yaml.Node
	err := yaml.Unmarshal([]byte(text), &doc)
	return &doc, err
}

// checkFastYAML fails t when fastYAML takes text but gives another tree
// than yaml.v3, or takes a text yaml.v3 rejects. It reports whether the
// fast path took it.
func checkFastYAML(t *testing.T, name, text string) bool {
	t.Helper()
	fast, ok := fastYAML(text)
	if !ok {
		return false
	}
	slow, err := slowYAML(text)
	if err != nil {
		t.Fatalf("%s: the fast path took %q, which yaml.v3 rejects: %v", name, text, err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%s: the fast path's tree differs from yaml.v3's for %q\nfast:\n%s\nyaml.v3:\n%s", name, text, dumpNode(fast, ""), dumpNode(slow, ""))
	}
	return true
}

// dumpNode writes a tree with every field, one node a line.
func dumpNode(n *yaml.Node, indent string) string {
	if n == nil {
		return indent + "nil\n"
	}
	s := fmt.Sprintf("%sKind=%d Style=%d Tag=%q Value=%q Anchor=%q Alias=%v Head=%q Line=%q Foot=%q %d:%d content=%v\n",
		indent, n.Kind, n.Style, n.Tag, n.Value, n.Anchor, n.Alias != nil, n.HeadComment, n.LineComment, n.FootComment, n.Line, n.Column, n.Content == nil)
	for _, c := range n.Content {
		s += dumpNode(c, indent+"  ")
	}
	return s
}

// yamlOf returns the YAML of a content file as the reader passes it to
// parse: the front matter of a Markdown file, all of dossier.yaml.
func yamlOf(name string, data []byte) (string, bool) {
	text := string(data)
	if filepath.Base(name) == "dossier.yaml" {
		return text, true
	}
	rest, ok := strings.CutPrefix(text, "---\n")
	if !ok {
		return "", false
	}
	if strings.HasPrefix(rest, "---\n") {
		return "", true
	}
	i := strings.Index(rest, "\n---\n")
	if i < 0 {
		return "", false
	}
	return rest[:i+1], true
}

// frontMatters are the YAML texts of a generated dossier's files, by file
// name, in a stable order.
func generatedFrontMatters(tb testing.TB, sources int) (names, texts []string) {
	tb.Helper()
	files := gen.Generate(gen.Options{Sources: sources, Seed: 1})
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		text, ok := yamlOf(name, files[name])
		if !ok {
			tb.Fatalf("generated %s has no front matter", name)
		}
		texts = append(texts, text)
	}
	return names, texts
}

// projectFrontMatters are those of the project's own dossier, content/.
func projectFrontMatters(t *testing.T) (names, texts []string) {
	t.Helper()
	root := filepath.Join("..", "..", "content")
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || (filepath.Ext(path) != ".md" && filepath.Base(path) != "dossier.yaml") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if text, ok := yamlOf(path, data); ok {
			names, texts = append(names, path), append(texts, text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) < 100 {
		t.Fatalf("only %d front matters in %s", len(texts), root)
	}
	return names, texts
}

// TestFastYAMLDossiers: every front matter of the project's dossier and
// of a generated one gives yaml.v3's tree, and the fast path takes all of
// the generated ones and nearly all of the project's (not dossier.yaml,
// whose description is a block scalar).
func TestFastYAMLDossiers(t *testing.T) {
	for _, c := range []struct {
		what     string
		frontMat func(*testing.T) ([]string, []string)
		minShare float64
	}{
		{"generated dossier", func(t *testing.T) ([]string, []string) { return generatedFrontMatters(t, 300) }, 1},
		{"content/", projectFrontMatters, 0.99},
	} {
		names, texts := c.frontMat(t)
		taken := 0
		var left []string
		for i, text := range texts {
			if checkFastYAML(t, names[i], text) {
				taken++
			} else {
				left = append(left, names[i])
			}
		}
		share := float64(taken) / float64(len(texts))
		t.Logf("%s: the fast path took %d of %d front matters (%.1f%%); left to yaml.v3: %v", c.what, taken, len(texts), 100*share, left)
		if share < c.minShare {
			t.Errorf("%s: the fast path took %.1f%% of front matters, want at least %.1f%%; left: %v", c.what, 100*share, 100*c.minShare, left)
		}
	}
}

// fastYAMLTaken are texts the fast path must take (and match yaml.v3 on):
// each form front matter is written in, and plain scalars of every tag.
var fastYAMLTaken = []string{
	"title: T\n",
	"title: T",
	"\n\ntitle: T\n\n",
	"title: T   \nverdict:   false  \n",
	"title: \"Amara Ishikawa accused insurers.\"\nverdict: misleading\ntags: [levee, housing, water]\nquotes:\n  - source: s0304-insurers\n    text: \"The insurers are dragging their feet\"\n",
	"quotes:\n- source: a\n  text: b\n- source: c\n  text: d\ntitle: x\n",
	"quotes:\n  - source: a\n    figure: {key: x, value: 300000, unit: people, approx: true, words: \"35,033\"}\n",
	"quotes:\n  - source: a\n    figure:\n      key: x\n      value: 2\n      asOf: 2025-04\n",
	"sides: [[a-b], [c, d]]\nkind: tension\n",
	"aliases: [\"Ishikawa\", 'O''Neil', plain words, é, ü x]\n",
	"aliases: []\nx: {}\ny: [ a , b ]\nz: [a,b]\n",
	"figures:\n  tolerance: 0.10\nverdicts:\n  - name: \"false\"\n    label: \"False\"\n    rating: 1\n",
	"url: https://example.org/a#b?c=d&e\nnote: it's [not] a {flow}, really\n",
	"a: \"esc \\\" \\\\ \\n \\t \\0 \\x41 \\u00e9 \\U0001F600 \\N \\_ \\L \\P \\e \\ x\"\n",
	"date:\nnext: x\n",
	"a:\n  b:\n    c:\nd: e\n",
	"t: 2024-12-24\nu: 2024-1-2\nv: 2024-12-24T10:00:00Z\nw: 2024-13-45\nx: 2024\n",
	"a: 1\nb: -5\nc: +5\nd: 0x1F\ne: 0o17\nf: 017\ng: 1_000\nh: 1e3\ni: .5\nj: -.5\nk: 1.\nl: .inf\nm: -.Inf\nn: .NaN\no: 99999999999999999999\np: 18446744073709551615\nq: 0b101\n",
	"a: true\nb: False\nc: TRUE\nd: yes\ne: no\nf: on\ng: ~\nh: null\ni: NULL\nj: Null\nk: nil\nl: y\nm: '1'\nn: \"true\"\n",
	"1: one\ntrue: t\nnull: n\n2024-01-01: d\n",
	"title: a\ntitle: b\n",
	"title: «Ünïcödé» — “quoted” ‘text’ 😀\ntags: [ÿ, 日本, a]\nx: [é, [ü, b], {k: ö}]\n",
	"a: -x\nb: .x\nc: +x\nd: $x\ne: (x)\nf: ~x\ng: <x\nh: =x\n",
	"a:\n\n  b: c\n\n\nd:\n\n- e\n   \nf: g",
	"a: \u00a0\nb: [\u00a0, x\u00a0]\nc: x \u00a0#y\n",
	// Longer than yaml.v3's 1024 characters for a key, which values may be.
	"title: " + strings.Repeat("x", 2000) + "\nq: \"" + strings.Repeat("y", 2000) + "\"\ntags: [" + strings.Repeat("z", 2000) + ", b]\nl:\n  - " + strings.Repeat("w", 2000) + "\n",
	strings.Repeat("k", 256) + ": v\n",
	"a: " + strings.Repeat("[", 60) + strings.Repeat("]", 60) + "\n",
}

// fastYAMLLeft are texts the fast path must leave to yaml.v3.
var fastYAMLLeft = []string{
	"",
	"\n\n",
	"---\ntitle: T\n",
	"title: T\n...\n",
	"%YAML 1.2\n---\ntitle: T\n",
	"# a comment\ntitle: T\n",
	"title: T # a comment\n",
	"title: T\n# a comment\n",
	"tags: [a, b] # c\n",
	"title: &a T\nother: *a\n",
	"title: !!str 1\n",
	"title: !foo x\n",
	"description: >-\n  folded\n  text\n",
	"description: |\n  literal\n",
	"title: a\n  continued\n",
	"title: a\n\n  continued\n",
	"title: \"a\n  b\"\n",
	"title: 'a\n  b'\n",
	"tags: [a,\n  b]\n",
	"title:\tT\n",
	"title: T\r\n",
	"\uFEFFtitle: T\n",
	"title: a\u0085b\n",
	"title: a\u2028b\n",
	"title: \x01\n",
	"title: \xff\n",
	"? title\n: T\n",
	"\"title\": T\n",
	"'title': T\n",
	"[a, b]: c\n",
	"title: a: b\n",
	"title: a:\n",
	"title: :a\n",
	"title: ?a\n",
	"title: -\n",
	"title: - x\n",
	"tags:\n-\n",
	"tags:\n- - a\n",
	"<<: {a: b}\n",
	"a: <<\n",
	"a: [b: c]\n",
	"a: [\"b\": c]\n",
	"a: {b}\n",
	"a: {b:c}\n",
	"a: [b,]\n",
	"a: [b, , c]\n",
	"a: [b] c\n",
	"a: \"b\" c\n",
	"a: \"\\/\"\n",
	"a: \"\\q\"\n",
	"a: \"\\ud800\"\n",
	"a: \"\\x4\"\n",
	"a: [b#c]\n",
	"a: [b?c]\n",
	"a: 0b2\n",
	"title\n",
	"- not: root\n",
	"  title: T\n",
	"a: b\n c: d\n",
	"a:\n  b: c\n d: e\n",
	"a:\n  - b\n  c: d\n",
	"a: 1\n- b\n",
	"a:\n  x\n",
	"a: `b`\n",
	"a: @b\n",
	"a: %b\n",
	"a: |b\n",
	"a: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n",
	strings.Repeat("k", 300) + ": v\n",
}

func TestFastYAMLForms(t *testing.T) {
	for _, text := range fastYAMLTaken {
		if !checkFastYAML(t, "taken", text) {
			_, err := slowYAML(text)
			t.Errorf("the fast path left %q to yaml.v3 (which gives error %v)", text, err)
		}
	}
	for _, text := range fastYAMLLeft {
		if _, ok := fastYAML(text); ok {
			t.Errorf("the fast path took %q", text)
		}
	}
}

// FuzzFastYAML: whenever the fast path takes a text, yaml.v3 reads it
// without error, to the same tree.
func FuzzFastYAML(f *testing.F) {
	for _, text := range fastYAMLTaken {
		f.Add(text)
	}
	for _, text := range fastYAMLLeft {
		f.Add(text)
	}
	// Documents the fast path mostly takes, for mutations to start from.
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		f.Add(randomYAML(r))
	}
	_, texts := generatedFrontMatters(f, 20)
	for _, text := range texts {
		f.Add(text)
	}
	archives, _ := filepath.Glob("../site/testdata/*.txtar")
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if text, ok := yamlOf(file.Name, file.Data); ok {
				f.Add(text)
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkFastYAML(t, "fuzz", text)
	})
}

// BenchmarkFrontMatterYAML parses every front matter of a generated
// dossier of 1,000 sources, by the fast path and by yaml.v3.
func BenchmarkFrontMatterYAML(b *testing.B) {
	_, texts := generatedFrontMatters(b, 1000)
	b.Run("fast", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, text := range texts {
				if _, ok := fastYAML(text); !ok {
					b.Fatalf("left to yaml.v3: %q", text)
				}
			}
		}
	})
	b.Run("yaml.v3", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			for _, text := range texts {
				if _, err := slowYAML(text); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// TestFastYAMLRandom builds many documents of front matter's shapes from
// pieces chosen at random, some a little wrong (an indentation off by one,
// a stray character, a scalar YAML reads otherwise), since random bytes
// (FuzzFastYAML) rarely make one the fast path takes. Each must give
// yaml.v3's tree if taken, and most must be taken.
func TestFastYAMLRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n, taken := 20000, 0
	if testing.Short() {
		n = 2000
	}
	for range n {
		text := randomYAML(r)
		if checkFastYAML(t, "random", text) {
			taken++
		}
	}
	t.Logf("the fast path took %d of %d random documents", taken, n)
	if taken < n/4 {
		t.Errorf("the fast path took only %d of %d random documents", taken, n)
	}
}

var randomScalars = []string{
	"word", "two words", "Ünïcödé — “x”", "日本", "😀 x", "a:b", "a: b", "a:", "a #b", "a#b", "a,b", "[a]", "{a}", "a]", "a}",
	"0", "1", "-5", "+5", "007", "0x1F", "0o17", "0b101", "0b2", "-0b1", "1_000", "1e3", "1.5", ".5", "-.5", "1.", ".", "..", "...", "---",
	"1e", "0.10", "99999999999999999999", "18446744073709551615", "-9223372036854775809", ".inf", "-.Inf", "+.INF", ".NaN", ".nan.",
	"2024-12-24", "2024-1-2", "2024-12-24T10:00:00Z", "2024-12-24 10:00:00", "2024-13-45", "2025-04", "2024", "2024-", "1234-5678",
	"true", "True", "TRUE", "tRUE", "false", "yes", "no", "on", "off", "y", "n", "~", "null", "Null", "NULL", "nil", "<<", "<", "<a",
	"-", "-x", "- x", "-1x", "?", "?x", ":", ":x", "!x", "&x", "*x", "|", ">", "%x", "@x", "`x`", "#x", "=", "$x", "\\x", "(x)",
	`"q"`, `"q \" \\ \n \t \x41 \u00e9 \U0001F600 \N \_ \L \P \e \ \0"`, `"\/"`, `"\q"`, `"\ud800"`, `"\x4"`, `""`, `" a "`, `"a`, `"#a"`, `"a: b"`,
	`'q'`, `'it''s'`, `''`, `''''`, `'a`, `' a '`, `'\n'`, `'a" b'`,
	"a b ", "a  b", "it's", "say \"x\"", "x\u00a0y", "a\\b",
}

var randomKeys = []string{
	"title", "verdict", "tags", "quotes", "source", "text", "figure", "key", "value", "a", "b", "1", "true", "null", "2024-01-01",
	"a_b", "a.b", "a-b", "_x", "-x", ".x", "a b", "é", "\"q\"", "'q'", "?", "<<", "~", "x:y",
}

// randomYAML is a document: a root mapping, mostly of front matter's shapes.
func randomYAML(r *rand.Rand) string {
	var b strings.Builder
	for range 1 + r.IntN(3) {
		if r.IntN(10) == 0 {
			b.WriteString(strings.Repeat(" ", r.IntN(3)) + "\n")
		}
		randomMapping(r, &b, 0, 0, false)
	}
	s := b.String()
	if r.IntN(20) == 0 { // something a little wrong somewhere
		i := r.IntN(len(s) + 1)
		s = s[:i] + []string{" ", "\n", "#", ":", "-", "\"", "'", "[", "]", "{", "}", ",", " #x", ": ", "\t", "\r"}[r.IntN(16)] + s[i:]
	}
	if r.IntN(10) == 0 {
		s = strings.TrimSuffix(s, "\n")
	}
	return s
}

func randomIndent(r *rand.Rand, indent int) int {
	if r.IntN(30) == 0 {
		return max(0, indent+r.IntN(3)-1) // off by one, or not
	}
	return indent
}

// randomMapping writes a block mapping at indent; when inSeq, its first
// key goes on the current line, after a "- ".
func randomMapping(r *rand.Rand, b *strings.Builder, indent, depth int, inSeq bool) {
	for i := range 1 + r.IntN(4) {
		if !(inSeq && i == 0) {
			b.WriteString(strings.Repeat(" ", randomIndent(r, indent)))
		}
		b.WriteString(randomKey(r))
		b.WriteString(":")
		switch c := r.IntN(10); {
		case c < 5 || depth > 3:
			b.WriteString(strings.Repeat(" ", 1+r.IntN(2)*r.IntN(3)) + randomScalar(r) + strings.Repeat(" ", r.IntN(2)) + "\n")
		case c < 6:
			b.WriteString(" " + randomFlow(r, 0) + "\n")
		case c < 7:
			b.WriteString(strings.Repeat(" ", r.IntN(2)) + "\n") // nothing
		case c < 8:
			b.WriteString("\n")
			randomMapping(r, b, indent+1+r.IntN(4), depth+1, false)
		default:
			b.WriteString("\n")
			randomSequence(r, b, indent+r.IntN(2)*(1+r.IntN(3)), depth+1)
		}
	}
}

func randomSequence(r *rand.Rand, b *strings.Builder, indent, depth int) {
	for range 1 + r.IntN(3) {
		b.WriteString(strings.Repeat(" ", randomIndent(r, indent)) + "-" + strings.Repeat(" ", 1+r.IntN(2)*r.IntN(3)))
		switch c := r.IntN(10); {
		case c < 4:
			randomMapping(r, b, indent+2, depth+1, true)
		case c < 5:
			b.WriteString(randomFlow(r, 0) + "\n")
		default:
			b.WriteString(randomScalar(r) + "\n")
		}
	}
}

// randomScalar is mostly one of randomCommonScalars, the fast path's, or
// else any of randomScalars, many of which it leaves to yaml.v3.
func randomScalar(r *rand.Rand) string {
	if r.IntN(3) > 0 {
		return randomCommonScalars[r.IntN(len(randomCommonScalars))]
	}
	return randomScalars[r.IntN(len(randomScalars))]
}

var randomCommonScalars = []string{
	"word", "two words", "Ünïcödé — “x”", "1", "300000", "-5", "0.10", "2024-12-24", "2025-04", "true", "false", "null",
	`"q"`, `"say \"x\", ok"`, `'it''s'`, "https://example.org/a#b", "a-slug-1", "日本",
}

// randomKey is mostly one of the keys the fast path takes.
func randomKey(r *rand.Rand) string {
	if r.IntN(12) > 0 {
		return randomKeys[r.IntN(15)]
	}
	return randomKeys[r.IntN(len(randomKeys))]
}

func randomFlow(r *rand.Rand, depth int) string {
	n := r.IntN(4)
	var items []string
	isMap := r.IntN(3) == 0
	for range n {
		var item string
		if depth < 3 && r.IntN(5) == 0 {
			item = randomFlow(r, depth+1)
		} else {
			item = randomScalar(r)
		}
		if isMap {
			item = randomKey(r) + ":" + strings.Repeat(" ", 1+r.IntN(2)*r.IntN(2)) + item
		}
		items = append(items, item)
	}
	sep := []string{", ", ",", " , "}[r.IntN(3)]
	pad := strings.Repeat(" ", r.IntN(2))
	if isMap {
		return "{" + pad + strings.Join(items, sep) + pad + "}"
	}
	return "[" + pad + strings.Join(items, sep) + pad + "]"
}
