package sim_test

import (
	"fmt"
	"strings"

	"alliancesim/sim"
)

// The long tables' columns: states.csv has one row per run and state, trajectories.csv one
// per run, step and state.
func ExampleStatesColumns() {
	fmt.Println(strings.Join(sim.StatesColumns(), ","))
	fmt.Println(strings.Join(sim.TrajectoryColumns(), ","))
	// Output:
	// run,seed,config_sha256,state,protected,attacked,armed_attacked,covered_attacked,failure_step,attack_step,censor_step,economy_lost,conquered,client,final_burden,final_economy,guarantor_triggered,guarantor_honoured,guarantor_abandoned,guarantor_buck_passed
	// run,step,state,economy,burden,power,threat,threat_ratio,support,protected,backers,client_of,conquered,reputation,attacked,armed_attacked,attacks_made
}
