package repocheck

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// moduleRoot returns the directory of go.mod above the test's working directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

// trackedFiles returns the files git tracks under root, slash-separated and root-relative, or,
// outside a git checkout (a source archive), every file under root but hidden directories and
// build output.
func trackedFiles(t *testing.T, root string) []string {
	t.Helper()
	out, err := exec.Command("git", "-C", root, "ls-files", "-z").Output()
	if err == nil {
		var files []string
		for _, f := range strings.Split(string(out), "\x00") {
			if f != "" {
				files = append(files, f)
			}
		}
		return files
	}
	t.Logf("git ls-files: %v; walking the tree instead", err)
	var files []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || rel == "bin" || rel == "out") {
				return filepath.SkipDir
			}
			return nil
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// skipped reports whether a file is no documentation of the repository: test corpora, which
// keep inputs as they were found, and images.
func skipped(f string) bool {
	if strings.HasPrefix(f, "testdata/fuzz/") || strings.Contains(f, "/testdata/fuzz/") {
		return true
	}
	switch strings.ToLower(filepath.Ext(f)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".ico", ".gz", ".zip":
		return true
	}
	return false
}

// Every tracked text file cites only what a reader of the repository can follow.
func TestRepositoryIsSelfContained(t *testing.T) {
	t.Parallel()
	root := moduleRoot(t)
	files := trackedFiles(t, root)
	if len(files) == 0 {
		t.Fatal("no files found")
	}
	topDirs := map[string]bool{}
	for _, f := range files {
		if d, _, ok := strings.Cut(f, "/"); ok {
			topDirs[d] = true
		}
	}
	exists := func(p string) bool {
		full := filepath.Join(root, filepath.FromSlash(p))
		if strings.ContainsAny(p, "*?[") {
			m, err := filepath.Glob(full)
			return err == nil && len(m) > 0
		}
		_, err := os.Stat(full)
		return err == nil
	}
	scanned := 0
	for _, f := range files {
		if skipped(f) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted in the working tree, not yet in the index
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.IndexByte(b[:min(len(b), 8000)], 0) >= 0 {
			continue // binary
		}
		scanned++
		for _, p := range Scan(f, b, topDirs, exists) {
			t.Error(p)
		}
	}
	if scanned < 50 {
		t.Errorf("scanned %d text files: the file list is wrong", scanned)
	}
}

func TestScan(t *testing.T) {
	t.Parallel()
	// The repository of this test: a few files, and the top-level directories they imply.
	files := map[string]bool{
		"docs": true, "docs/ODD.md": true, "data": true, "data/europe-2024.csv": true,
		"agents": true, "agents/burden.go": true, "config/scenarios/a.toml": true,
		"config": true, "config/scenarios": true,
	}
	topDirs := map[string]bool{"docs": true, "data": true, "agents": true, "config": true}
	exists := func(p string) bool {
		if p == "config/scenarios/*.toml" {
			return true
		}
		return files[p]
	}
	// The literals are split so that this file does not trip the repository test itself.
	model, shared := "MODEL"+".md", ".."+"/shared"
	home, work, tmp := "/ho"+"me/", "/wo"+"rk/", "/tm"+"p/"
	drive, see := "C"+`:\`, "se"+"e "
	for _, test := range []struct {
		file, text string
		want       int // problems
	}{
		{"agents/kind.go", "// the kinds of " + model + " §1", 1},
		{"README.md", "copied from " + shared + "/data", 1},
		{"config/scenarios/a.toml", "# Data: " + work + "sha" + "red/data/europe-2024.csv", 1},
		{"scripts/x.sh", `out="` + home + `alice/runs"`, 1},
		{"scripts/x.sh", "cp summary.json " + tmp + "x.json", 1},
		{"docs/x.md", drive + `Users\alice\alliancesim`, 1},
		{"agents/x.go", `p := "` + drive + `\data\\e.csv"`, 1},
		{"docs/ODD.md", "see [the data](../data/europe-2024.csv)", 0},
		{"docs/ODD.md", "see [the data](../data/europe-2023.csv)", 1},
		{"README.md", "[ODD](docs/ODD.md#7-submodels) and [§2](#2-entities)", 0},
		{"README.md", "![chart](docs/img/missing.png)", 1},
		{"README.md", "[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)", 0},
		{"README.md", "[outside](../../elsewhere.md)", 1},
		{"agents/balance.go", "// follows TargetBurden (" + see + "burden.go)", 0},
		{"agents/balance.go", "// " + see + "docs/ODD.md §7.3.", 0},
		{"agents/balance.go", "// " + see + "docs/MODEL4.md §7.3.", 1},
		{"agents/balance.go", "// " + see + "target.go", 1},
		{"sim/world.go", "// " + see + "config/scenarios/*.toml", 0},
		{"sim/world.go", "// the streams of math/rand/v2 (see math/rand/v2)", 0},
		{"sim/world.go", "// see its header; see [Checks]", 0},
		{"sim/world.go", `t.Errorf("summary:\n%s", s)`, 0},
		{"cmd/x.go", `usage := "Flags:\\t-x\\n"`, 0},
		{".gitignore", tmp, 0},
		{"docs/x.md", "https://example.org" + home + "page", 0},
		{"cmd/x_test.go", `run > /dev/full`, 0},
	} {
		got := Scan(test.file, []byte(test.text), topDirs, exists)
		if len(got) != test.want {
			t.Errorf("%s: %q: %d problems %v, want %d", test.file, test.text, len(got), got, test.want)
		}
	}
}
