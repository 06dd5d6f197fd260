package sim

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"alliancesim/agents"
)

// situation sets the world's Situation field by field, for speed: a field it left out would
// keep the previous state's value. Filled over a poisoned Situation and over a zero one, it
// must give the same.
func TestSituationSetsEveryField(t *testing.T) {
	s := triangle()
	s.Guarantees = []Guarantee{{Name: "pact", Kind: agents.Alliance, Guarantors: []int{1, 2}, Proteges: []int{1, 2}}}
	w := NewWorld()
	w.Reset(s, rand.New(rand.NewPCG(1, 1)))
	w.Step()
	poison := func() {
		v := reflect.ValueOf(&w.sit).Elem()
		for k := range v.NumField() {
			f := v.Field(k)
			if !f.CanSet() {
				continue // unexported: SetAllies sets them
			}
			switch f.Kind() {
			case reflect.Float64:
				f.SetFloat(-12345)
			case reflect.Int:
				f.SetInt(12345)
			case reflect.Bool:
				f.SetBool(!f.Bool())
			default:
				t.Fatalf("Situation.%s is a %v: teach this test to poison it", v.Type().Field(k).Name, f.Kind())
			}
		}
	}
	for i := range w.n {
		for _, live := range []bool{false, true} {
			w.sit = agents.Situation{}
			want := *w.situation(i, live)
			for range 2 { // bools flip: both ways
				poison()
				if got := *w.situation(i, live); !reflect.DeepEqual(got, want) {
					t.Errorf("state %d, live %v: over a poisoned situation %+v, want %+v", i, live, got, want)
				}
			}
		}
	}
}
