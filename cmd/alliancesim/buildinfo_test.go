package main

import (
	"regexp"
	"testing"
)

func TestBuildVersion(t *testing.T) {
	for _, tc := range []struct {
		b    build
		want string
	}{
		{build{release: "0.1.0"}, "0.1.0+devel"},
		{build{release: "0.1.0", revision: "0123456789abcdef0123456789abcdef01234567"}, "0.1.0+0123456789ab"},
		{build{release: "1.2.3", revision: "0123456789abcdef0123456789abcdef01234567", modified: true}, "1.2.3+0123456789ab.dirty"},
	} {
		if got := tc.b.version(); got != tc.want {
			t.Errorf("%+v: version %q, want %q", tc.b, got, tc.want)
		}
	}
	// The version is valid Semantic Versioning with build metadata.
	semver := regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*$`)
	if !semver.MatchString(version) {
		t.Errorf("version %q is not MAJOR.MINOR.PATCH+BUILD", version)
	}
	for _, tag := range []string{"v1.2.3", "v0.0.0-20250101120000-abcdef123456", "v1.2.3+dirty", "(devel)"} {
		if got, want := semverTag.MatchString(tag), tag == "v1.2.3"; got != want {
			t.Errorf("semverTag(%q) = %v, want %v", tag, got, want)
		}
	}
}
