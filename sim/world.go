package sim

import (
	"math/rand/v2"
	"slices"

	"alliancesim/agents"
	"alliancesim/sim/stats"
)

// World is the state of one run. A worker owns one World and resets it for every run, so that a
// step allocates nothing: every slice is sized by Reset and reused.
type World struct {
	spec *Spec
	p    *agents.Params
	rng  *rand.Rand
	n    int
	t    int // the current step, from 0

	// Per state, indexed like Spec.States.
	e, b, b0, pw, p0, g, proj []float64
	will, willMean            []float64
	intent, rep, rmax         []float64
	nuclear, conquered        []bool
	raised, raisedPrev        []bool
	held                      []bool // holds an in-force guarantee this step
	marked                    []int  // per state, scratch for refreshForce (see mark)
	mark                      int    // the last mark refreshForce used in marked
	client                    []int  // patron, or -1
	strat                     []agents.Strategy
	traits                    []agents.Traits

	geoKey []float64 // positions, projections and lambda that dist and reach were computed for

	// Per ordered pair (i*n + j).
	r      []float64 // r(i,j)
	dist   []float64
	reach  []float64 // reach(i,j): i's power at j
	allied []bool
	formed []bool // a treaty was formed between i and j during the run

	// Guarantees: the spec's, then the treaties formed during the run.
	gs        []gstate
	pairs     []pair
	byProtege [][]int32  // pair indices by protégé
	byGuard   [][]int32  // pair indices by guarantor
	backers   [][]backer // per protégé, its in-force pairs (see refreshForce)
	anyModes  []int      // per protégé, how many of its backers cover every mode
	party     []bool     // per state: guarantor or protégé of some pair

	// Phase results and scratch.
	tau       []float64
	threat    []int
	thrLevel  []float64 // threat(j->i) of the principal threat j (phase 2)
	support   []float64 // S_i, the armed-mode support expected against it (phase 2)
	bSnap     []float64 // b at the start of the strategy phase
	armedHit  []bool    // attacked by arms in the last step's aggression phase
	spendSnap []float64 // b*E at the start of the strategy phase
	spendLive []float64 // b*E as the strategy phase updates b
	seq       []int
	aidShare  []float64
	aidIn     []float64
	attacks   []attack
	eus       []float64 // per option weighed in the aggression phase, its utility
	opts      []option
	opp       []bool        // per target, a dispute opportunity of the aggressor deciding now
	choice    []float64     // per target, the uniform of its dyadic choice (see opportunities)
	arm, hyb  agents.Option // the options on one target (see options)
	dyadScr   []dyad        // the targets of one aggressor in dyadic mode
	nTrig     []int
	cov       []cover
	covStamp  []int
	covAt     []int // per guarantor, its entry in w.cov during covering
	stamp     int
	events    []repEvent
	attacker  []bool
	allyScr   []float64
	allyScr2  []float64
	rankScr   stats.RankScratch
	alliances []int // spec guarantees of kind alliance with at least 4 members

	// The credibility cache: see World.cred and World.credFill.
	aggSlot []int // per state, its slot among potential aggressors, or -1
	group   []int // per pair, its (guarantor, guarantee, tripwire) group
	nGroups int   // groups the cache has room for
	slots   int   // aggressors the cache has room for
	qCache  []credEntry
	// Per refresh, the groups with an in-force pair (see liveGroup), and which those are.
	live       []liveGroup
	groupLive  []bool
	liveAt     []int32 // per live group, its index in live
	need       []credNeed
	xs         []float64 // scratch for credFill
	epoch      uint64
	free       []float64 // free-rider factors
	freeRiders []int     // the states whose strategy free-rides

	tpl     pairTemplate // the spec's pairs, as the last Reset built them
	initial initialForce // what the last Reset's refresh derived

	force  []bool // per pair: in force (see refreshForce)
	single []bool // per state: no guarantor holds two in-force guarantees to it
	// Per state, two distinct guarantors of its in-force alliances and treaties (or -1): enough
	// to tell whether it is protected by someone other than its threat.
	binder1, binder2 []int
	menace           []int // states perceived as aggressive this step
	allies           [][]int
	claimed          [][]int // per state, the states it has a claim on (r > 0), in state order
	rows             []rowKey
	// The states by principal threat, in state order: those of threat j are
	// byThreat[threatAt[j]:threatAt[j+1]] (see perceiveThreats).
	byThreat, threatAt []int
	byThreatOK         bool      // byThreat is this step's
	raisedNear         []float64 // per threat: the least distance to it of a state that raised b last step
	stale              bool      // force, allied and held need recomputing in full
	voided             []int32   // pairs voided since the last refresh
	fallen             []int     // states conquered since the last refresh
	freeStale          bool      // the free-riders' factors need recomputing (see updateFree)
	nextStart          int       // the next step at which a guarantee enters into force

	sit   agents.Situation
	norms normCache // allied norms of the strategy phase (see alliedNorm)
	// alliesVersion counts the changes to the allies lists (see normCache).
	alliesVersion int
	touched       []int // scratch: the states whose allies a change touched
	cmpEconomy    func(a, b int) int

	rec Record
}

type gstate struct {
	terms  agents.Terms
	kind   agents.Kind
	start  int
	lo, hi int // its pairs
	spec   int // index in Spec.Guarantees, or -1 for a treaty formed during the run
}

// A backer is an in-force pair seen from its protégé: what the support sums of the threat,
// aggression and response phases read, laid out together because those sums are the engine's
// inner loops.
type backer struct {
	reach    float64 // reach(g, protégé)
	armedBy  float64 // what multiplies the armed coefficient (see armedSupport): reach, or 1 for arms
	resp     agents.Response
	g        int32
	pair     int32
	group    int32 // the pair's credibility group
	anyMode  bool  // the trigger covers every mode, not armed attack only
	umbrella bool  // the guarantee carries a nuclear guarantor's umbrella
}

// covers reports whether the backer's guarantee obliges it against an attack in mode m.
func (b *backer) covers(m agents.Mode) bool { return b.anyMode || m == agents.ArmedAttack }

// A liveGroup is a credibility group with an in-force pair, with what its credibility against
// any aggressor needs of the guarantee (see credFill).
type liveGroup struct {
	fixed    float64 // the log-odds the guarantee's terms fix (agents.Honour.Fixed)
	g, group int32
	tripwire bool
	resp     agents.Response
}

type pair struct {
	k, g, p  int // guarantee, guarantor, protégé
	void     bool
	tripwire bool
}

// option is a (target, mode) an aggressor weighs in phase 4.
type option struct {
	t    int
	mode agents.Mode
}

// attack is an attack decided in phase 4 and carried out in phases 5 and 6.
type attack struct {
	a, t    int
	mode    agents.Mode
	covered bool // the target held an in-force guarantee covering the mode
	lo, hi  int  // its triggered commitments in w.decisions
}

// cover is one guarantor of a target covering a mode, through its guarantee with the highest
// credibility.
type cover struct {
	g, pair int
	q       float64
	honour  bool
}

type repEvent struct {
	g        int
	w        float64
	honoured bool
}

// NewWorld returns a World ready to be Reset.
func NewWorld() *World { return &World{} }

// Reset prepares the world for one run of spec, drawing from rng: first the per-run parameter
// draws (applied by the caller to spec), then each state's will in config order.
func (w *World) Reset(spec *Spec, rng *rand.Rand) {
	w.unmark() // at the last run's size
	w.unform()
	w.spec, w.p, w.rng = spec, &spec.Params, rng
	n := len(spec.States)
	w.n, w.t = n, 0
	f := func(s []float64) []float64 { return resize(s, n) }
	w.e, w.b, w.b0, w.pw, w.p0, w.g, w.proj = f(w.e), f(w.b), f(w.b0), f(w.pw), f(w.p0), f(w.g), f(w.proj)
	w.will, w.willMean, w.intent, w.rep, w.rmax = f(w.will), f(w.willMean), f(w.intent), f(w.rep), f(w.rmax)
	w.tau, w.spendSnap, w.spendLive = f(w.tau), f(w.spendSnap), f(w.spendLive)
	w.thrLevel, w.support, w.bSnap = f(w.thrLevel), f(w.support), f(w.bSnap)
	w.armedHit = resizeB(w.armedHit, n)
	w.aidShare, w.aidIn = f(w.aidShare), f(w.aidIn)
	w.allyScr, w.allyScr2 = f(w.allyScr), f(w.allyScr2)
	w.nuclear, w.conquered = resizeB(w.nuclear, n), resizeB(w.conquered, n)
	w.raised, w.raisedPrev, w.held = resizeB(w.raised, n), resizeB(w.raisedPrev, n), resizeB(w.held, n)
	w.attacker, w.opp, w.choice = resizeB(w.attacker, n), resizeB(w.opp, n), resize(w.choice, n)
	if cap(w.dyadScr) < n {
		w.dyadScr = make([]dyad, 0, n)
	}
	w.client, w.threat, w.nTrig = resizeI(w.client, n), resizeI(w.threat, n), resizeI(w.nTrig, n)
	w.covStamp = resizeI(w.covStamp, n)
	w.covAt = resizeI(w.covAt, n)
	if cap(w.marked) < n {
		w.marked = make([]int, n) // zero, below any mark to come
	}
	w.marked = w.marked[:n]
	w.single = resizeB(w.single, n)
	w.anyModes = resizeI(w.anyModes, n)
	w.party = resizeB(w.party, n)
	clear(w.party)
	w.binder1, w.binder2 = resizeI(w.binder1, n), resizeI(w.binder2, n)
	if cap(w.menace) < n {
		w.menace = make([]int, 0, n)
	}
	if cap(w.strat) < n {
		w.strat, w.traits = make([]agents.Strategy, n), make([]agents.Traits, n)
	}
	w.strat, w.traits = w.strat[:n], w.traits[:n]
	nn := n * n
	w.r, w.dist, w.reach = resize(w.r, nn), resize(w.dist, nn), resize(w.reach, nn)
	w.allied, w.formed = resizeB(w.allied, nn), resizeB(w.formed, nn)
	w.raisedNear = resize(w.raisedNear, n)
	if cap(w.allies) < n {
		w.allies, w.claimed, w.rows = make([][]int, n), make([][]int, n), make([]rowKey, n)
	}
	w.allies, w.claimed, w.rows = w.allies[:n], w.claimed[:n], w.rows[:n]
	w.byThreat = resizeI(w.byThreat, n)
	w.threatAt = resizeI(w.threatAt, n+1)

	p := w.p
	for i := range spec.States {
		s := &spec.States[i]
		w.e[i], w.b[i], w.b0[i], w.g[i], w.proj[i] = s.Economy, s.Burden, s.Burden, s.Growth, s.Projection
		w.pw[i] = s.Power
		if w.pw[i] <= 0 {
			w.pw[i] = p.Model.Kappa * s.Burden * s.Economy * (1 + s.Growth) / (s.Growth + p.Model.Delta)
		}
		w.p0[i] = w.pw[i]
		w.nuclear[i], w.conquered[i] = s.Nuclear, false
		w.raised[i], w.raisedPrev[i], w.held[i] = false, false, false
		w.client[i] = s.ClientOf
		w.strat[i], w.traits[i] = s.Strategy, s.Strategy.Traits()
		w.rep[i] = p.Rep.Init
		w.willMean[i] = s.Will.Mean()
		w.revision(i, s)
		w.rmax[i], w.intent[i] = w.rows[i].rmax, w.rows[i].rmax
	}
	w.stampReset()
	sameGeo := w.geography(spec)
	for i := range spec.States {
		w.will[i] = betaDraw(rng, spec.States[i].Will.Alpha, spec.States[i].Will.Beta)
	}

	if cap(w.backers) < n {
		w.backers = make([][]backer, n)
	}
	w.backers = w.backers[:n]
	samePairs := w.specPairs(spec)
	w.gs = w.gs[:0]
	w.alliances = w.alliances[:0]
	for k := range spec.Guarantees {
		sg := &spec.Guarantees[k]
		lo := 0
		if k > 0 {
			lo = w.tpl.hi[k-1]
		}
		w.gs = append(w.gs, gstate{terms: sg.Resolve(&p.Kind), kind: sg.Kind, start: sg.Start, lo: lo, hi: w.tpl.hi[k], spec: k})
		if allianceForRho(sg) {
			w.alliances = append(w.alliances, k)
		}
	}
	// The treaties formed during a run append their guarantees and pairs, and their credibility
	// groups grow the cache (see addPair): a world holds room for the most a run of it has
	// formed, not for every treaty that could be.
	slots := 0
	w.aggSlot = resizeI(w.aggSlot, n)
	for i := range n {
		w.aggSlot[i] = -1
		if w.rmax[i] > 0 {
			w.aggSlot[i] = slots
			slots++
		}
	}
	w.slots = slots
	w.growCache(max(w.nGroups, w.groupsUsed()))
	w.epoch++
	// Only free-riders' factors move; everyone else's stays 1.
	w.free = resize(w.free, n)
	w.freeRiders = w.freeRiders[:0]
	for i := range n {
		w.free[i] = 1
		if w.traits[i].FreeRides {
			w.freeRiders = append(w.freeRiders, i)
		}
	}
	if cap(w.eus) < 2*n { // room for an armed and a hybrid option on every target
		w.eus, w.opts = make([]float64, 2*n), make([]option, 2*n)
	}
	if cap(w.seq) < n {
		// The lists of a step (attacks, covering guarantors, reputation events, and each
		// state's pairs, backers and allies) grow by append when a step needs more, and keep
		// their room for the next runs: a world holds what its runs have needed, not the n² or
		// n³ entries they could need (gigabytes per worker at the documented maximum of 1000
		// states, issues 12 and 15).
		w.attacks = make([]attack, 0, n)
		w.cov = make([]cover, 0, n)
		w.events = make([]repEvent, 0, n)
		w.seq = make([]int, 0, n)
	}
	// The last run's attacks: the strategy phase reads the last step's (armedHit).
	w.attacks = w.attacks[:0]
	w.voided, w.fallen = w.voided[:0], w.fallen[:0]
	w.rec.reset(spec, w.alliances)
	if sameGeo && samePairs && w.initial.same(w) {
		w.initial.restore(w)
		w.freeStale = true
		return
	}
	w.stale, w.nextStart = true, 0
	w.refreshForce()
	w.initial.save(w)
}

// unform clears the marks of the treaties the last run formed, at its size, rather than the n²
// entries of formed.
func (w *World) unform() {
	for k := range w.gs {
		if w.gs[k].spec < 0 {
			pr := &w.pairs[w.gs[k].lo]
			w.formed[pr.g*w.n+pr.p], w.formed[pr.p*w.n+pr.g] = false, false
		}
	}
}

// A rowKey is what state i's row of r was last built from (see revision).
type rowKey struct {
	n           int // the number of states, 0 for none
	revisionism float64
	claims      []Claim
	rmax        float64 // the largest r of the row
}

// revision sets state i's row of r(i, .) — State.R for every target, written claim by claim
// (the first claim on a target wins, as in R), and none on itself — its claimed targets and its
// rmax, unless its revisionism and claims are those of the last run: the rows are n² entries,
// which no per-run draw usually changes.
func (w *World) revision(i int, s *State) {
	n, key := w.n, &w.rows[i]
	if key.n == n && key.revisionism == s.Revisionism && slices.Equal(key.claims, s.Claims) {
		return
	}
	key.n, key.revisionism, key.claims = n, s.Revisionism, append(key.claims[:0], s.Claims...)
	row := w.r[i*n : (i+1)*n]
	for j := range row {
		row[j] = s.Revisionism
	}
	for _, c := range slices.Backward(s.Claims) {
		row[c.Target] = c.R
	}
	row[i] = 0
	rmax := 0.0
	w.claimed[i] = w.claimed[i][:0]
	for t, r := range row {
		rmax = max(rmax, r)
		if r > 0 {
			w.claimed[i] = append(w.claimed[i], t)
		}
	}
	key.rmax = rmax
}

// geography computes distances and reach, unless the positions, projections and gradient are
// those of the previous run (they rarely vary between runs, and the trigonometry is costly). It
// reports whether they were.
func (w *World) geography(spec *Spec) bool {
	n := w.n
	same := len(w.geoKey) == 3*n+1 && w.geoKey[3*n] == spec.Params.Model.Lambda
	for i := 0; same && i < n; i++ {
		s := &spec.States[i]
		same = w.geoKey[3*i] == s.Lon && w.geoKey[3*i+1] == s.Lat && w.geoKey[3*i+2] == s.Projection
	}
	if same {
		return true
	}
	w.geoKey = w.geoKey[:0]
	for i := range spec.States {
		s := &spec.States[i]
		w.geoKey = append(w.geoKey, s.Lon, s.Lat, s.Projection)
		for j := range spec.States {
			o := &spec.States[j]
			d := agents.Distance(s.Lon, s.Lat, o.Lon, o.Lat)
			w.dist[i*n+j] = d
			w.reach[i*n+j] = agents.Reach(d, spec.Params.Model.Lambda, s.Projection)
		}
	}
	w.geoKey = append(w.geoKey, spec.Params.Model.Lambda)
	return false
}

// pairTemplate records the pairs of the spec's guarantees as the last Reset built them.
type pairTemplate struct {
	members   []int  // who guarantees whom, flattened: the key
	scratch   []int  // the key of the spec being reset
	pairs     int    // how many pairs
	byProtege []int  // per protégé, how many of its pairs
	byGuard   []int  // per guarantor, how many of its pairs
	party     []bool // per state, as after the build
	hi        []int  // per guarantee, the end of its pairs
}

// specPairs resets the pairs to those of spec's guarantees. They depend only on who guarantees
// whom, which no per-run draw changes, so they are rebuilt only when that differs from the last
// Reset's; otherwise the treaties' pairs are dropped and the rest restored. It reports whether
// they were restored.
func (w *World) specPairs(spec *Spec) bool {
	n, t := len(spec.States), &w.tpl
	key := append(t.scratch[:0], n)
	for k := range spec.Guarantees {
		sg := &spec.Guarantees[k]
		key = append(key, len(sg.Guarantors), len(sg.Proteges), len(sg.Tripwire))
		key = append(append(append(key, sg.Guarantors...), sg.Proteges...), sg.Tripwire...)
	}
	t.scratch = key
	if cap(w.byProtege) < n {
		w.byProtege, w.byGuard = make([][]int32, n), make([][]int32, n)
	}
	w.byProtege, w.byGuard = w.byProtege[:n], w.byGuard[:n]
	if slices.Equal(key, t.members) {
		w.pairs, w.group, w.force = w.pairs[:t.pairs], w.group[:t.pairs], w.force[:t.pairs]
		for i := range w.pairs {
			w.pairs[i].void = false
		}
		for i := range w.byProtege {
			w.byProtege[i] = w.byProtege[i][:t.byProtege[i]]
			w.byGuard[i] = w.byGuard[i][:t.byGuard[i]]
		}
		copy(w.party, t.party)
		return true
	}
	w.pairs, w.group = w.pairs[:0], w.group[:0]
	for i := range w.byProtege {
		w.byProtege[i], w.byGuard[i] = w.byProtege[i][:0], w.byGuard[i][:0]
	}
	t.hi = t.hi[:0]
	for k := range spec.Guarantees {
		sg := &spec.Guarantees[k]
		for _, g := range sg.Guarantors {
			for _, pr := range sg.Proteges {
				if g != pr {
					w.addPair(k, g, pr, contains(sg.Tripwire, pr))
				}
			}
		}
		t.hi = append(t.hi, len(w.pairs))
	}
	t.members = append(t.members[:0], key...)
	t.pairs = len(w.pairs)
	t.byProtege, t.byGuard = t.byProtege[:0], t.byGuard[:0]
	for i := range w.byProtege {
		t.byProtege = append(t.byProtege, len(w.byProtege[i]))
		t.byGuard = append(t.byGuard, len(w.byGuard[i]))
	}
	t.party = append(t.party[:0], w.party...)
	return false
}

func (w *World) addPair(k, g, p int, tripwire bool) {
	// Pairs come grouped by guarantee, then guarantor: a new (guarantee, guarantor) block starts
	// a new pair of cache groups, one without and one with a tripwire.
	block := 0
	if n := len(w.pairs); n > 0 {
		last := &w.pairs[n-1]
		block = w.group[n-1] / 2
		if last.k != k || last.g != g {
			block++
		}
	}
	gr := 2 * block
	if tripwire {
		gr++
	}
	if 2*block+2 > w.nGroups {
		w.growCache(max(2*w.nGroups, 2*block+2, 64))
	}
	w.group = append(w.group, gr)
	w.party[g], w.party[p] = true, true
	// A new pair is in force from its guarantee's start, at the refresh that start triggers.
	w.force = append(w.force[:len(w.pairs)], false)
	w.byProtege[p] = append(w.byProtege[p], int32(len(w.pairs)))
	w.byGuard[g] = append(w.byGuard[g], int32(len(w.pairs)))
	w.pairs = append(w.pairs, pair{k: k, g: g, p: p, tripwire: tripwire})
}

// groupsUsed returns how many credibility groups the current pairs use.
func (w *World) groupsUsed() int {
	if len(w.group) == 0 {
		return 0
	}
	return w.group[len(w.group)-1]/2*2 + 2
}

// growCache gives the credibility cache a block of groups entries for each of w.slots
// aggressors, and grows what is indexed by group with it. A cache grown anew holds nothing (its
// entries are of epoch 0, never the world's): what a step needs again is computed again.
func (w *World) growCache(groups int) {
	if need := w.slots * groups; cap(w.qCache) < need || groups != w.nGroups {
		w.qCache = make([]credEntry, need)
	}
	w.qCache = w.qCache[:w.slots*groups]
	w.nGroups = groups
	gl := resizeB(w.groupLive, groups)
	copy(gl, w.groupLive)
	w.groupLive = gl
	la := w.liveAt
	if cap(la) < groups {
		la = make([]int32, groups)
	}
	copy(la, w.liveAt)
	w.liveAt = la[:groups]
}

// inForce reports whether pair pi binds at the current step, as of the last refreshForce.
func (w *World) inForce(pi int) bool { return w.force[pi] }

func (w *World) stampReset() {
	w.stamp = 0
	clear(w.covStamp)
}

// Step advances the world by one step (one year), through the seven phases of docs/ODD.md §3.
func (w *World) Step() {
	for _, phase := range stepPhases() {
		phase(w)
	}
}

// stepPhases returns the phases of a step and the bookkeeping between them, in order: a table,
// so that tests can check the engine's invariants between them.
func stepPhases() [14]func(*World) {
	return [...]func(*World){
		(*World).refreshForce,
		(*World).economy,
		(*World).markHeld,
		(*World).nextEpoch,
		(*World).updateFree,
		(*World).perceiveThreats,
		(*World).adjust,
		(*World).refreshForce,
		(*World).updateFree,
		(*World).aggression,
		(*World).respond,
		(*World).fight,
		(*World).learn,
		(*World).nextStep,
	}
}

// nextEpoch invalidates the credibility cache: powers and reputations are fixed from here to
// the end of the response phase.
func (w *World) nextEpoch() { w.epoch++ }

func (w *World) nextStep() { w.t++ }

// markHeld records which states hold an in-force guarantee this step.
func (w *World) markHeld() {
	for i, h := range w.held {
		if h {
			w.rec.States[i].Protected = true
		}
	}
}

// allianceForRho reports whether the members of g are large enough a group for the Spearman
// correlation of economy and burden (docs/ODD.md §7.8: an alliance of at least four members).
func allianceForRho(g *Guarantee) bool {
	return g.Kind == agents.Alliance && len(g.Guarantors) >= 4
}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

func resizeB(s []bool, n int) []bool {
	if cap(s) < n {
		return make([]bool, n)
	}
	return s[:n]
}

func resizeI(s []int, n int) []int {
	if cap(s) < n {
		return make([]int, n)
	}
	return s[:n]
}

func contains(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
