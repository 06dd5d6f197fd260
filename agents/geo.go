package agents

import "math"

// EarthRadius is the mean radius of the Earth in km.
const EarthRadius = 6371.0

// Distance returns the great-circle distance in km between two points given as longitude and
// latitude in degrees (haversine formula).
func Distance(lon1, lat1, lon2, lat2 float64) float64 {
	const rad = math.Pi / 180
	phi1, phi2 := lat1*rad, lat2*rad
	dphi := (lat2 - lat1) * rad
	dlam := (lon2 - lon1) * rad
	a := math.Sin(dphi/2)*math.Sin(dphi/2) + math.Cos(phi1)*math.Cos(phi2)*math.Sin(dlam/2)*math.Sin(dlam/2)
	return 2 * EarthRadius * math.Asin(min(1, math.Sqrt(a)))
}

// Reach is the share of its power a state can bring to bear at distance d km (Boulding's
// loss-of-strength gradient), never below its power projection:
//
//	reach = max(exp(-d/lambda), projection)
func Reach(d, lambda, projection float64) float64 {
	return max(math.Exp(-d/lambda), projection)
}
