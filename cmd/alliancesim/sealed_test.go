package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// edit rewrites the JSON file at path through change, keeping it valid JSON; reseal seals it
// again, as a forger (or an older or newer alliancesim) would.
func edit(t *testing.T, path string, v sealed, reseal bool, change func()) {
	t.Helper()
	if err := readSealed(path, v); err != nil {
		t.Fatal(err)
	}
	change()
	if reseal {
		if err := seal(v); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// Every file read back is verified, whole and in its identity, before use, and the error names
// the file and why (issue 12, class 2).
func TestReadBackFilesVerified(t *testing.T) {
	sweep := []string{"sweep", "--param", "rep.init=0.2:0.4:3", "--runs", "20", "--steps", "5", "--quiet"}
	point := filepath.Join("s", "points", "point-000001.json")
	for _, test := range []struct {
		name   string
		tamper func(t *testing.T, dir string)
		args   []string
		err    string
	}{
		{"a resume point with an edited value",
			func(t *testing.T, dir string) {
				var p pointFile
				edit(t, filepath.Join(dir, point), &p, false, func() { p.Metrics[0].P += 0.01 })
			}, append(sweep, "--out", "s", "--resume"),
			"alliancesim sweep: " + point + ": refused: its checksum does not match its content (edited or corrupted); delete it to recompute the point, or use --force to discard it"},
		{"a resume point without a checksum",
			func(t *testing.T, dir string) {
				var p pointFile
				edit(t, filepath.Join(dir, point), &p, false, func() { p.Checksum = "" })
			}, append(sweep, "--out", "s", "--resume"),
			"alliancesim sweep: " + point + ": refused: it has no checksum (written by an older alliancesim?); delete it to recompute the point, or use --force to discard it"},
		{"a resume point of another version",
			func(t *testing.T, dir string) {
				var p pointFile
				edit(t, filepath.Join(dir, point), &p, true, func() { p.Version = "0.0.9" })
			}, append(sweep, "--out", "s", "--resume"),
			"alliancesim sweep: " + point + ": refused: made by alliancesim 0.0.9, this is " + version + ": points of different versions are not mixed; delete it to recompute the point, or use --force to discard it"},
		{"a resume point at another grid point",
			func(t *testing.T, dir string) {
				var p pointFile
				edit(t, filepath.Join(dir, point), &p, true, func() { p.Values[0], p.Labels[0] = 0.2, "0.2" })
			}, append(sweep, "--out", "s", "--resume"),
			"alliancesim sweep: " + point + ": refused: grid point 1 is at rep.init = 0.3, not 0.2; delete it to recompute the point, or use --force to discard it"},
		{"a resume point of another seed",
			func(t *testing.T, dir string) {
				var p pointFile
				edit(t, filepath.Join(dir, point), &p, true, func() { p.Seed++ })
			}, append(sweep, "--out", "s", "--resume"),
			"alliancesim sweep: " + point + ": refused: made from config "},
		{"a run shard's partial with an edited value",
			func(t *testing.T, dir string) {
				var p partial
				edit(t, filepath.Join(dir, "parts", "part-0-of-2.json"), &p, false, func() { p.Chunks[0].Acc.Failures++ })
			}, []string{"merge", "parts", "--out", "m"},
			"alliancesim merge: " + filepath.Join("parts", "part-0-of-2.json") + ": refused: its checksum does not match its content (edited or corrupted)"},
		{"a run shard's rows edited",
			func(t *testing.T, dir string) {
				path := filepath.Join(dir, "parts", "part-1-of-2.csv")
				b, _ := os.ReadFile(path)
				os.WriteFile(path, []byte(strings.Replace(string(b), ",0,", ",1,", 1)), 0o644)
			}, []string{"merge", "parts", "--out", "m"},
			"alliancesim merge: " + filepath.Join("parts", "part-1-of-2.csv") + ": its checksum does not match the one in " + filepath.Join("parts", "part-1-of-2.json") + " (edited or corrupted)"},
		{"a sweep shard's point with an edited outcome",
			func(t *testing.T, dir string) {
				var p pointFile
				edit(t, filepath.Join(dir, "sparts", "points", "point-000002.part-1-of-2.json"), &p, false, func() { p.Outcomes[0][0] ^= 1 })
			}, []string{"merge", "sparts", "--out", "m"},
			"alliancesim merge: " + filepath.Join("sparts", "points", "point-000002.part-1-of-2.json") + ": refused: its checksum does not match its content (edited or corrupted)"},
		{"a sweep shard's manifest of other axes",
			func(t *testing.T, dir string) {
				var m sweepManifest
				edit(t, filepath.Join(dir, "sparts", "sweep-part-0-of-2.json"), &m, false, func() { m.Axes[0].Values[0] = 0.25 })
			}, []string{"merge", "sparts", "--out", "m"},
			"alliancesim merge: " + filepath.Join("sparts", "sweep-part-0-of-2.json") + ": refused: its checksum does not match its content (edited or corrupted)"},
	} {
		t.Run(test.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, args := range [][]string{
				append(sweep, "--out", "s"),
				{"run", "--runs", "600", "--steps", "5", "--shard", "0/2", "--out", "parts", "--quiet"},
				{"run", "--runs", "600", "--steps", "5", "--shard", "1/2", "--out", "parts", "--quiet"},
				append(sweep, "--runs", "600", "--shard", "0/2", "--out", "sparts"),
				append(sweep, "--runs", "600", "--shard", "1/2", "--out", "sparts"),
			} {
				if r := inProcess(t, dir, args...); r.code != 0 {
					t.Fatalf("%s: %s", strings.Join(args, " "), r.stderr)
				}
			}
			test.tamper(t, dir)
			r := inProcess(t, dir, test.args...)
			if r.code != 1 || !strings.HasPrefix(r.stderr, test.err) {
				t.Errorf("got exit %d: %s\nwant exit 1: %s", r.code, r.stderr, test.err)
			}
		})
	}
}

// A point tampered with between a sweep and its resumption stops the real program, naming the
// file (issue 12, class 2, end to end).
func TestTamperedPointEndToEnd(t *testing.T) {
	dir := t.TempDir()
	args := []string{"sweep", "--param", "rep.init=0.2:0.4:3", "--runs", "20", "--steps", "5", "--quiet", "--out", "s"}
	if r := alliancesim(t, dir, args...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	path := filepath.Join(dir, "s", "points", "point-000000.json")
	b, _ := os.ReadFile(path)
	// One field edited, as by hand: still valid JSON.
	i := strings.Index(string(b), `"estimate":`)
	j := i + strings.IndexAny(string(b[i:]), ",}")
	tampered := string(b[:i]) + `"estimate":0.123` + string(b[j:])
	if tampered == string(b) {
		t.Fatal("the edit changed nothing")
	}
	os.WriteFile(path, []byte(tampered), 0o644)
	r := alliancesim(t, dir, append(args, "--resume")...)
	want := "alliancesim sweep: " + filepath.Join("s", "points", "point-000000.json") + ": refused: its checksum does not match its content (edited or corrupted); delete it to recompute the point, or use --force to discard it\n"
	if r.code != 1 || r.stderr != want {
		t.Errorf("resume after tampering: exit %d: %s\nwant exit 1: %s", r.code, r.stderr, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "s", "sweep.json")); err != nil {
		t.Fatal(err)
	}
}
