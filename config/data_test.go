package config

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// dataDir holds the repository's copies of the 2024 data the scenario headers cite.
const dataDir = "../data"

// dataRow is one state of a data file.
type dataRow struct {
	economy, burden, lon, lat float64
	nuclear, nato             bool
}

// readData reads the data file name in dataDir: '#' lines are comments, the first other line is
// the header.
func readData(t *testing.T, name string) map[string]dataRow {
	t.Helper()
	path := filepath.Join(dataDir, name)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(string(b)))
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) < 2 {
		t.Fatalf("%s: no rows", path)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, h := range []string{"name", "gdp_tusd", "defence_share", "nuclear", "capital_lon", "capital_lat", "nato_2024"} {
		if _, ok := col[h]; !ok {
			t.Fatalf("%s: no column %s", path, h)
		}
	}
	rows := map[string]dataRow{}
	for _, rec := range recs[1:] {
		name := rec[col["name"]]
		num := func(h string) float64 {
			v, err := strconv.ParseFloat(rec[col[h]], 64)
			if err != nil {
				t.Fatalf("%s: %s of %s: %v", path, h, name, err)
			}
			return v
		}
		flag := func(h string) bool {
			v, err := strconv.ParseBool(rec[col[h]])
			if err != nil {
				t.Fatalf("%s: %s of %s: %v", path, h, name, err)
			}
			return v
		}
		if _, dup := rows[name]; dup {
			t.Errorf("%s: %s has two rows", path, name)
		}
		rows[name] = dataRow{
			economy: num("gdp_tusd"), burden: num("defence_share"),
			lon: num("capital_lon"), lat: num("capital_lat"),
			nuclear: flag("nuclear"), nato: flag("nato_2024"),
		}
	}
	return rows
}

// citedData matches the data file a scenario's header cites.
var citedData = regexp.MustCompile(`data/([a-z0-9-]+\.csv)`)

// departures are the figures a scenario changes from its data on purpose: each is an option's
// premise or a figure below the model's floor (model.burden_min), and its header says so in a
// line that names the state and the field.
var departures = map[string]map[string]string{
	"taiwan-porcupine": {"Taiwan": "burden"},
	"world-2025":       {"Kazakhstan": "burden"},
}

// Every shipped scenario copies the data file its header cites exactly: a state named in the data
// has its economy, burden, nuclear status and capital, and NATO's 2024 members are in the
// alliance named NATO. informal-ambiguity's Patron has the USA's figures, as its header says;
// the departures above are the only other exceptions.
func TestScenariosMatchData(t *testing.T) {
	t.Parallel()
	files := map[string]map[string]dataRow{}
	for _, info := range Scenarios() {
		f, err := Scenario(info.Name)
		if err != nil {
			t.Fatal(err)
		}
		m := citedData.FindStringSubmatch(f.header)
		if m == nil {
			t.Errorf("%s: its header cites no data/*.csv", info.Name)
			continue
		}
		if files[m[1]] == nil {
			files[m[1]] = readData(t, m[1])
		}
		rows := files[m[1]]
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
			burden := st.Burden
			if departures[info.Name][name] == "burden" {
				// The header names the state and gives both figures, the scenario's and the data's.
				own, data := strconv.FormatFloat(st.Burden, 'g', -1, 64), strconv.FormatFloat(d.burden, 'g', -1, 64)
				if !strings.Contains(f.header, name) || !strings.Contains(f.header, own) || !strings.Contains(f.header, data) {
					t.Errorf("%s: %s's burden %s departs from the data's %s, but the header does not say so with both figures", info.Name, name, own, data)
				}
				burden = d.burden
			}
			if st.Economy != d.economy || burden != d.burden || st.Nuclear != d.nuclear || st.Lon != d.lon || st.Lat != d.lat {
				t.Errorf("%s: %s has economy %g, burden %g, nuclear %t, capital (%g, %g); %s: %g, %g, %t, (%g, %g)",
					info.Name, st.Name, st.Economy, st.Burden, st.Nuclear, st.Lon, st.Lat,
					m[1], d.economy, d.burden, d.nuclear, d.lon, d.lat)
			}
			if len(nato) > 0 && d.nato && !nato[st.Name] {
				t.Errorf("%s: %s was a NATO member in 2024 but is not in the NATO alliance", info.Name, st.Name)
			}
		}
		if copied == 0 {
			t.Errorf("%s: cites %s but has none of its states", info.Name, m[1])
		}
		if strings.HasPrefix(info.Name, "world") && copied != len(rows) {
			t.Errorf("%s: has %d of the %d states of %s", info.Name, copied, len(rows), m[1])
		}
	}
}

// The data files agree: a state in two of them has the same row in both, and the world file holds
// every state of the others.
func TestDataFilesAgree(t *testing.T) {
	t.Parallel()
	world := readData(t, "world-2024.csv")
	for _, name := range []string{"europe-2024.csv", "indo-pacific-2024.csv"} {
		for state, d := range readData(t, name) {
			w, ok := world[state]
			if !ok {
				t.Errorf("world-2024.csv: no %s (in %s)", state, name)
				continue
			}
			if w != d {
				t.Errorf("%s: %s is %+v there and %+v in world-2024.csv", name, state, d, w)
			}
		}
	}
}
