package config

import (
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
)

// dataFile is the repository's copy of the 2024 data the scenario headers cite.
const dataFile = "../data/europe-2024.csv"

// dataRow is one state of the data file.
type dataRow struct {
	economy, burden, lon, lat float64
	nuclear, nato             bool
}

// readData reads the data file: '#' lines are comments, the first other line is the header.
func readData(t *testing.T) map[string]dataRow {
	t.Helper()
	b, err := os.ReadFile(dataFile)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(string(b)))
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", dataFile, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s: no rows", dataFile)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"name", "gdp_tusd", "defence_share", "nuclear", "capital_lon", "capital_lat", "nato_2024"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("%s: no column %s", dataFile, h)
		}
	}
	rows := map[string]dataRow{}
	for _, rec := range recs[1:] {
		num := func(h string) float64 {
			v, err := strconv.ParseFloat(rec[col[h]], 64)
			if err != nil {
				t.Fatalf("%s: %s of %s: %v", dataFile, h, rec[col["name"]], err)
			}
			return v
		}
		flag := func(h string) bool {
			v, err := strconv.ParseBool(rec[col[h]])
			if err != nil {
				t.Fatalf("%s: %s of %s: %v", dataFile, h, rec[col["name"]], err)
			}
			return v
		}
		rows[rec[col["name"]]] = dataRow{
			economy: num("gdp_tusd"), burden: num("defence_share"),
			lon: num("capital_lon"), lat: num("capital_lat"),
			nuclear: flag("nuclear"), nato: flag("nato_2024"),
		}
	}
	return rows
}

// Every shipped scenario that cites the data copies it exactly: a state named in the data has
// its economy, burden, nuclear status and capital, and NATO's 2024 members are in the alliance
// named NATO. informal-ambiguity's Patron has the USA's figures, as its header says.
func TestScenariosMatchData(t *testing.T) {
	t.Parallel()
	rows := readData(t)
	for _, info := range Scenarios() {
		f, err := Scenario(info.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(f.header, "data/europe-2024.csv") {
			t.Errorf("%s: its header does not cite data/europe-2024.csv", info.Name)
			continue
		}
		s, err := f.Spec()
		if err != nil {
			t.Fatal(err)
		}
		copied, nato := 0, map[string]bool{}
		for _, g := range s.Guarantees {
			if g.Name == "NATO" {
				for _, i := range g.Guarantors {
					nato[s.States[i].Name] = true
				}
			}
		}
		for _, st := range s.States {
			name := st.Name
			if info.Name == "informal-ambiguity" && name == "Patron" {
				name = "USA"
			}
			d, ok := rows[name]
			if !ok {
				continue
			}
			copied++
			if st.Economy != d.economy || st.Burden != d.burden || st.Nuclear != d.nuclear || st.Lon != d.lon || st.Lat != d.lat {
				t.Errorf("%s: %s has economy %g, burden %g, nuclear %t, capital (%g, %g); the data: %g, %g, %t, (%g, %g)",
					info.Name, st.Name, st.Economy, st.Burden, st.Nuclear, st.Lon, st.Lat,
					d.economy, d.burden, d.nuclear, d.lon, d.lat)
			}
			if len(nato) > 0 && d.nato && !nato[st.Name] {
				t.Errorf("%s: %s was a NATO member in 2024 but is not in the NATO alliance", info.Name, st.Name)
			}
		}
		if copied == 0 {
			t.Errorf("%s: cites the data but has none of its states", info.Name)
		}
	}
}
