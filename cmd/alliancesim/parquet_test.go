package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// run --format parquet writes the tables a CSV run writes, read back value for value: every
// column of every row, NA as null, with the CSV's names and types; and no CSV beside them.
func TestParquetReadsBackAsCSV(t *testing.T) {
	dir := t.TempDir()
	args := []string{"run", "ukraine-budapest", "--runs", "300", "--steps", "10", "--seed", "4", "--quiet", "--trajectories"}
	if r := alliancesim(t, dir, append(args, "--out", "c")...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := alliancesim(t, dir, append(args, "--out", "p", "--format", "parquet")...); r.code != 0 {
		t.Fatal(r.stderr)
	}
	for _, table := range []string{"runs", "states", "trajectories"} {
		want := readTable(t, filepath.Join(dir, "c", table+".csv"))
		got := readParquet(t, filepath.Join(dir, "p", table+".parquet"))
		if len(got) != len(want) {
			t.Fatalf("%s.parquet: %d rows, the CSV %d", table, len(got), len(want))
		}
		for i := range want {
			if len(got[i]) != len(want[i]) {
				t.Fatalf("%s.parquet row %d: %d columns, the CSV %d", table, i+1, len(got[i]), len(want[i]))
			}
			for name, v := range want[i] {
				if got[i][name] != v {
					t.Fatalf("%s.parquet row %d: %s = %q, the CSV %q", table, i+1, name, got[i][name], v)
				}
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "p", table+".csv")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s.csv is beside %s.parquet: %v", table, table, err)
		}
	}
	if r := alliancesim(t, dir, "reproduce", filepath.Join("p", "summary.json"), "--out", "p2", "--quiet"); r.code != 0 {
		t.Errorf("reproduce of a Parquet run: %s\n%s", r.stderr, r.stdout)
	}
}

// readParquet reads a Parquet file into rows keyed by column name, each value written as the
// CSV writes it.
func readParquet(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	cols := pf.Schema().Columns()
	rd := parquet.NewReader(pf)
	defer rd.Close()
	var out []map[string]string
	buf := make([]parquet.Row, 256)
	for {
		n, err := rd.ReadRows(buf)
		for _, row := range buf[:n] {
			m := map[string]string{}
			for _, v := range row {
				name := cols[v.Column()][0]
				switch {
				case v.IsNull():
					m[name] = "NA"
				case v.Kind() == parquet.Int64:
					m[name] = strconv.FormatInt(v.Int64(), 10)
				case v.Kind() == parquet.Double:
					m[name] = strconv.FormatFloat(v.Double(), 'g', -1, 64)
				case v.Kind() == parquet.Boolean:
					m[name] = map[bool]string{false: "0", true: "1"}[v.Boolean()]
				default:
					m[name] = string(v.ByteArray())
				}
			}
			out = append(out, m)
		}
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
