package calibrate

import (
	"encoding/csv"
	"os"
	"strconv"
	"testing"
)

// The NATO figures the size–burden tests use are the NATO members' rows of the repository's
// data file, exactly.
func TestNATO2024IsTheData(t *testing.T) {
	const file = "../../data/europe-2024.csv"
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: %d records, %v", file, len(recs), err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	type fig struct{ e, b float64 }
	data := map[string]fig{}
	for _, rec := range recs[1:] {
		if rec[col["nato_2024"]] != "true" {
			continue
		}
		e, err1 := strconv.ParseFloat(rec[col["gdp_tusd"]], 64)
		b, err2 := strconv.ParseFloat(rec[col["defence_share"]], 64)
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v: %v %v", file, rec, err1, err2)
		}
		data[rec[col["name"]]] = fig{e, b}
	}
	if len(data) != len(nato2024) {
		t.Errorf("%d NATO members in %s, %d in nato2024", len(data), file, len(nato2024))
	}
	for _, m := range nato2024 {
		if d, ok := data[m.name]; !ok || d.e != m.e || d.b != m.b {
			t.Errorf("%s: nato2024 has E %g, b %g; %s has %+v (present: %t)", m.name, m.e, m.b, file, d, ok)
		}
	}
}
