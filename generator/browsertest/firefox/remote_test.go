package firefox

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestGoValue(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     any
		wantErr  bool
	}{
		{"undefined", `{"type":"undefined"}`, nil, false},
		{"null", `{"type":"null"}`, nil, false},
		{"bool", `{"type":"boolean","value":true}`, true, false},
		{"string", `{"type":"string","value":"Đảng"}`, "Đảng", false},
		{"number", `{"type":"number","value":2.5}`, 2.5, false},
		{"NaN", `{"type":"number","value":"NaN"}`, nil, true},
		{"Infinity", `{"type":"number","value":"Infinity"}`, nil, true},
		{"bigint", `{"type":"bigint","value":"12345678901234567890"}`, "12345678901234567890", false},
		{"date", `{"type":"date","value":"2022-07-28T00:00:00.000Z"}`, "2022-07-28T00:00:00.000Z", false},
		{"array", `{"type":"array","value":[{"type":"number","value":1},{"type":"null"}]}`, []any{1.0, nil}, false},
		{"object", `{"type":"object","value":[["a",{"type":"array","value":[]}],["b",{"type":"string","value":"x"}]]}`,
			map[string]any{"a": []any{}, "b": "x"}, false},
		{"map with number keys", `{"type":"map","value":[[{"type":"number","value":1},{"type":"boolean","value":false}]]}`,
			map[string]any{"1": false}, false},
		{"node", `{"type":"node","sharedId":"f.1.d.2.e.3","value":{"nodeType":1}}`, "f.1.d.2.e.3", false},
		{"function", `{"type":"function"}`, nil, true},
		{"nested error", `{"type":"array","value":[{"type":"symbol"}]}`, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v remoteValue
			if err := json.Unmarshal([]byte(tc.in), &v); err != nil {
				t.Fatal(err)
			}
			got, err := v.goValue()
			if (err != nil) != tc.wantErr {
				t.Fatalf("goValue() error = %v, want error %v", err, tc.wantErr)
			}
			if !tc.wantErr && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("goValue() = %#v, want %#v", got, tc.want)
			}
		})
	}
}

func TestNegativeZero(t *testing.T) {
	got, err := remoteValue{Type: "number", Value: json.RawMessage(`"-0"`)}.goValue()
	f, _ := got.(float64)
	if err != nil || f != 0 || !math.Signbit(f) {
		t.Errorf("-0 = %v, %v", got, err)
	}
}

func TestTruthy(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{`{"type":"undefined"}`, false},
		{`{"type":"null"}`, false},
		{`{"type":"boolean","value":false}`, false},
		{`{"type":"boolean","value":true}`, true},
		{`{"type":"number","value":0}`, false},
		{`{"type":"number","value":"-0"}`, false},
		{`{"type":"number","value":"NaN"}`, false},
		{`{"type":"number","value":"-Infinity"}`, true},
		{`{"type":"number","value":3}`, true},
		{`{"type":"string","value":""}`, false},
		{`{"type":"string","value":"0"}`, true},
		{`{"type":"bigint","value":"0"}`, false},
		{`{"type":"array","value":[]}`, true},
		{`{"type":"object","value":[]}`, true},
	} {
		var v remoteValue
		if err := json.Unmarshal([]byte(tc.in), &v); err != nil {
			t.Fatal(err)
		}
		if got := v.truthy(); got != tc.want {
			t.Errorf("truthy(%s) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestGraphemes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"ab", []string{"a", "b"}},
		{"ỉ/", []string{"ỉ", "/"}},
		{"i\u0309", []string{"i\u0309"}}, // a base letter and its marks are one key
		{"\u0301a", []string{"\u0301", "a"}},
		{"Đảng \uE007", []string{"Đ", "ả", "n", "g", " ", "\uE007"}},
	} {
		if got := graphemes(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("graphemes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestUserJS(t *testing.T) {
	js := userJS(4321)
	for _, want := range []string{
		`user_pref("network.proxy.type", 1);`,
		`user_pref("network.proxy.http_port", 4321);`,
		`user_pref("network.proxy.ssl_port", 4321);`,
		`user_pref("app.update.disabledForTesting", true);`,
		`user_pref("services.settings.server", "data:,#remote-settings-dummy/v1");`,
		`user_pref("toolkit.telemetry.enabled", false);`,
	} {
		if !strings.Contains(js, want) {
			t.Errorf("user.js lacks %s", want)
		}
	}
	seen := map[string]bool{}
	for _, p := range append(append([]pref(nil), quietPrefs...), trapPrefs(1)...) {
		if seen[p.name] {
			t.Errorf("pref %s set twice", p.name)
		}
		seen[p.name] = true
	}
}

// FuzzRemoteValue feeds arbitrary browser answers to the decoder: it may
// refuse them but must not panic, and what it accepts must decode again.
func FuzzRemoteValue(f *testing.F) {
	for _, s := range []string{
		`{"type":"object","value":[["a",{"type":"number","value":1}]]}`,
		`{"type":"map","value":[[{"type":"string","value":"k"},{"type":"null"}]]}`,
		`{"type":"array","value":[{"type":"number","value":"-0"}]}`,
		`{"type":"object","value":[[1]]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var v remoteValue
		if json.Unmarshal([]byte(in), &v) != nil {
			return
		}
		v.truthy()
		x, err := v.goValue()
		if err != nil {
			return
		}
		if _, err := json.Marshal(x); err != nil {
			t.Errorf("accepted %s but its value %#v does not marshal: %v", in, x, err)
		}
		var out any
		if err := v.decodeInto(&out); err != nil {
			t.Errorf("decodeInto after goValue succeeded: %v", err)
		}
	})
}
