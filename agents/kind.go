package agents

import "fmt"

// Kind is the kind of a security guarantee; its terms default to the kind's row of docs/ODD.md §2.
type Kind int

// The kinds of guarantee, from the most binding to the least.
const (
	Alliance  Kind = iota // a multilateral defence pact (NATO Art. 5)
	Treaty                // a bilateral defence treaty (US–Japan 1960)
	Agreement             // a security agreement with aid (G7–Ukraine 2024)
	Informal              // an informal commitment (US–Israel, US–Taiwan)
	Assurance             // a paper assurance (Budapest Memorandum 1994)
	NumKinds
)

var kindNames = [NumKinds]string{"alliance", "treaty", "agreement", "informal", "assurance"}

func (k Kind) String() string {
	if k < 0 || k >= NumKinds {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindNames[k]
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	for i, n := range kindNames {
		if n == string(b) {
			*k = Kind(i)
			return nil
		}
	}
	return fmt.Errorf("unknown kind %q (allowed: %s)", b, joinNames(kindNames[:]))
}

// Binding reports whether a guarantee of this kind makes guarantor and protégé allies.
func (k Kind) Binding() bool { return k == Alliance || k == Treaty }

// Trigger says which modes of attack oblige a guarantor.
type Trigger int

// Triggers.
const (
	Armed Trigger = iota // conventional attack only
	Any                  // armed or hybrid attack
)

var triggerNames = []string{"armed", "any"}

func (t Trigger) String() string { return enumName(triggerNames, int(t), "Trigger") }

// MarshalText implements encoding.TextMarshaler.
func (t Trigger) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (t *Trigger) UnmarshalText(b []byte) error {
	i, err := parseEnum(triggerNames, string(b), "trigger")
	*t = Trigger(i)
	return err
}

// Covers reports whether the trigger obliges the guarantor against an attack in mode m.
func (t Trigger) Covers(m Mode) bool { return t == Any || m == ArmedAttack }

// Response is what honouring a guarantee means.
type Response int

// Responses.
const (
	Fight     Response = iota // join the war
	Arms                      // an arms surge before battle
	Sanctions                 // economic sanctions on the aggressor
)

var responseNames = []string{"fight", "arms", "sanctions"}

func (r Response) String() string { return enumName(responseNames, int(r), "Response") }

// MarshalText implements encoding.TextMarshaler.
func (r Response) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Response) UnmarshalText(b []byte) error {
	i, err := parseEnum(responseNames, string(b), "response")
	*r = Response(i)
	return err
}

// Mode is the mode of an attack.
type Mode int

// Modes of attack.
const (
	ArmedAttack  Mode = iota // a conventional invasion
	HybridAttack             // cyber, energy coercion, sabotage: below the armed threshold
	NumModes
)

func (m Mode) String() string { return enumName([]string{"armed", "hybrid"}, int(m), "Mode") }

// Terms are the terms of a guarantee: its kind's defaults, or a guarantee's own overrides.
type Terms struct {
	W        float64  `toml:"w" doc:"legal weight"`
	Trigger  Trigger  `toml:"trigger" doc:"armed | any"`
	Response Response `toml:"response" doc:"fight | arms | sanctions"`
	Umbrella bool     `toml:"umbrella" doc:"the guarantor's nuclear weapons stand behind it"`
	Aid      float64  `toml:"aid" doc:"share of each guarantor's defence accrual sent to the protégés every step"`
	Stake    float64  `toml:"stake" doc:"the guarantor's own interest in the protégé's survival"`
}

// Kinds holds the default terms of each kind.
type Kinds struct {
	Alliance  Terms `toml:"alliance"`
	Treaty    Terms `toml:"treaty"`
	Agreement Terms `toml:"agreement"`
	Informal  Terms `toml:"informal"`
	Assurance Terms `toml:"assurance"`
}

// Of returns the default terms of kind k.
func (ks *Kinds) Of(k Kind) *Terms {
	switch k {
	case Alliance:
		return &ks.Alliance
	case Treaty:
		return &ks.Treaty
	case Agreement:
		return &ks.Agreement
	case Informal:
		return &ks.Informal
	case Assurance:
		return &ks.Assurance
	}
	panic("agents: unknown kind " + k.String())
}

// DefaultKinds returns the table of kinds of docs/ODD.md §2.
func DefaultKinds() Kinds {
	return Kinds{
		Alliance:  Terms{W: 1.0, Trigger: Armed, Response: Fight, Umbrella: true, Aid: 0, Stake: 0.6},
		Treaty:    Terms{W: 0.8, Trigger: Armed, Response: Fight, Umbrella: true, Aid: 0, Stake: 0.5},
		Agreement: Terms{W: 0.4, Trigger: Any, Response: Arms, Umbrella: false, Aid: 0.05, Stake: 0.4},
		Informal:  Terms{W: 0.25, Trigger: Any, Response: Arms, Umbrella: false, Aid: 0.02, Stake: 0.4},
		Assurance: Terms{W: 0.05, Trigger: Armed, Response: Sanctions, Umbrella: false, Aid: 0, Stake: 0.1},
	}
}

func enumName(names []string, i int, typ string) string {
	if i < 0 || i >= len(names) {
		return fmt.Sprintf("%s(%d)", typ, i)
	}
	return names[i]
}

func parseEnum(names []string, s, what string) (int, error) {
	for i, n := range names {
		if n == s {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q (allowed: %s)", what, s, joinNames(names))
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}
