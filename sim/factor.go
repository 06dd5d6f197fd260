package sim

// Factor is an uncertain value that an exploration (alliancesim explore) holds fixed within each
// point of its design and varies across the points: unlike an [Uncertain] value, it is not drawn
// per run, so that the variation of the outcome over the design can be attributed to it.
type Factor struct {
	Name   string   // how outputs name it
	Path   string   // the dotted path of the value it sets
	Labels []string // the values of a categorical factor, in the order of their indices; nil for a number
	// Value maps a coordinate u in [0, 1] of the design's unit hypercube to the factor's value:
	// a number, by the inverse of its distribution function, or an index into Labels.
	Value func(u float64) float64
	// Set sets the value in a spec compiled from the config that defines the factor.
	Set Setter
}

// Categorical reports whether the factor takes one of a list of values.
func (f *Factor) Categorical() bool { return f.Labels != nil }
