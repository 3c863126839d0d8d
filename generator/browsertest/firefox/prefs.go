package firefox

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// pref is one Firefox preference of the test profile.
type pref struct {
	name  string
	value any // bool, int or string
}

// quietPrefs turn off everything Firefox would fetch on its own. They are
// a read-only table; the trap's port is added by [writeUserJS].
var quietPrefs = []pref{
	// Start on a blank page: no welcome, what's-new or default-browser pages.
	{"browser.startup.page", 0},
	{"browser.startup.homepage", "about:blank"},
	{"browser.startup.homepage_override.mstone", "ignore"},
	{"startup.homepage_welcome_url", "about:blank"},
	{"startup.homepage_welcome_url.additional", ""},
	{"startup.homepage_override_url", ""},
	{"browser.aboutwelcome.enabled", false},
	{"browser.shell.checkDefaultBrowser", false},
	{"browser.tabs.warnOnClose", false},
	{"browser.sessionstore.resume_from_crash", false},
	{"toolkit.startup.max_resumed_crashes", -1},
	{"browser.newtabpage.enabled", false},
	{"browser.newtab.preload", false},
	{"browser.newtabpage.activity-stream.feeds.system.topstories", false},
	{"browser.newtabpage.activity-stream.feeds.section.topstories", false},
	{"browser.newtabpage.activity-stream.feeds.topsites", false},
	{"browser.newtabpage.activity-stream.feeds.telemetry", false},
	{"browser.newtabpage.activity-stream.telemetry", false},
	{"browser.newtabpage.activity-stream.default.sites", ""},
	{"browser.topsites.contile.enabled", false},
	{"browser.uitour.enabled", false},
	{"browser.discovery.enabled", false},
	{"browser.vpn_promo.enabled", false},
	{"extensions.pocket.enabled", false},
	{"identity.fxaccounts.enabled", false},
	{"browser.translations.enable", false},
	{"browser.ml.enable", false},
	{"browser.urlbar.quicksuggest.enabled", false},
	{"browser.urlbar.suggest.quicksuggest.sponsored", false},
	{"signon.management.page.breach-alerts.enabled", false},

	// Updates of Firefox, add-ons, search engines, plugins.
	{"app.update.disabledForTesting", true},
	{"app.update.auto", false},
	{"app.update.checkInstallTime", false},
	{"extensions.update.enabled", false},
	{"extensions.update.autoUpdateDefault", false},
	{"extensions.systemAddon.update.enabled", false},
	{"extensions.systemAddon.update.url", ""},
	{"extensions.getAddons.cache.enabled", false},
	{"extensions.getAddons.discovery.api_url", ""},
	{"extensions.htmlaboutaddons.recommendations.enabled", false},
	{"extensions.blocklist.enabled", false},
	{"browser.search.update", false},
	{"browser.region.update.enabled", false},
	{"browser.region.network.url", ""},
	{"media.gmp-manager.updateEnabled", false},
	{"media.gmp-manager.url", ""},
	{"media.gmp-manager.chromium-update-url", ""},
	{"media.gmp-provider.enabled", false},
	{"media.gmp-gmpopenh264.enabled", false},
	{"media.gmp-widevinecdm.enabled", false},

	// Telemetry, data reporting, crash reports.
	{"datareporting.policy.dataSubmissionEnabled", false},
	{"datareporting.healthreport.uploadEnabled", false},
	{"datareporting.usage.uploadEnabled", false},
	{"toolkit.telemetry.enabled", false},
	{"toolkit.telemetry.unified", false},
	{"toolkit.telemetry.archive.enabled", false},
	{"toolkit.telemetry.server", "data:,"},
	{"toolkit.telemetry.newProfilePing.enabled", false},
	{"toolkit.telemetry.shutdownPingSender.enabled", false},
	{"toolkit.telemetry.firstShutdownPing.enabled", false},
	{"toolkit.telemetry.updatePing.enabled", false},
	{"toolkit.telemetry.bhrPing.enabled", false},
	{"toolkit.telemetry.reportingpolicy.firstRun", false},
	{"toolkit.coverage.opt-out", true},
	{"toolkit.coverage.endpoint.base", ""},
	{"browser.ping-centre.telemetry", false},
	{"browser.crashReports.unsubmittedCheck.enabled", false},
	{"breakpad.reportURL", ""},

	// Remote settings, Normandy and Nimbus experiments, studies.
	{"services.settings.server", "data:,#remote-settings-dummy/v1"},
	{"app.normandy.enabled", false},
	{"app.normandy.api_url", ""},
	{"app.shield.optoutstudies.enabled", false},
	{"messaging-system.rsexperimentloader.enabled", false},
	{"nimbus.profilesdatastoreservice.enabled", false},
	{"security.remote_settings.crlite_filters.enabled", false},
	{"security.remote_settings.intermediates.enabled", false},

	// Safe browsing and the lists it downloads.
	{"browser.safebrowsing.malware.enabled", false},
	{"browser.safebrowsing.phishing.enabled", false},
	{"browser.safebrowsing.blockedURIs.enabled", false},
	{"browser.safebrowsing.downloads.enabled", false},
	{"browser.safebrowsing.downloads.remote.enabled", false},
	{"browser.safebrowsing.update.enabled", false},
	{"browser.safebrowsing.provider.google4.updateURL", ""},
	{"browser.safebrowsing.provider.google4.gethashURL", ""},
	{"browser.safebrowsing.provider.google.updateURL", ""},
	{"browser.safebrowsing.provider.google.gethashURL", ""},
	{"browser.safebrowsing.provider.mozilla.updateURL", ""},
	{"browser.safebrowsing.provider.mozilla.gethashURL", ""},

	// Captive portal and connectivity checks, push, geolocation, OCSP.
	{"network.captive-portal-service.enabled", false},
	{"captivedetect.canonicalURL", ""},
	{"network.connectivity-service.enabled", false},
	{"dom.push.enabled", false},
	{"dom.push.connection.enabled", false},
	{"dom.push.serverURL", ""},
	{"geo.enabled", false},
	{"geo.provider.network.url", ""},
	{"security.OCSP.enabled", 0},
	{"security.certerrors.mitm.priming.enabled", false},

	// Guessing ahead: DNS and link prefetch, speculative connections, DoH.
	{"network.dns.disablePrefetch", true},
	{"network.prefetch-next", false},
	{"network.predictor.enabled", false},
	{"network.http.speculative-parallel-limit", 0},
	{"browser.places.speculativeConnect.enabled", false},
	{"browser.urlbar.speculativeConnect.enabled", false},
	{"network.trr.mode", 5},
	{"doh-rollout.disable-heuristics", true},

	// Tests: no dialog may hold a page.
	{"dom.disable_beforeunload", true},
	{"dom.max_script_run_time", 0},
}

// trapPrefs send every request that is not to a loopback address to the
// trap listening on port.
func trapPrefs(port int) []pref {
	return []pref{
		{"network.proxy.type", 1}, // manual
		{"network.proxy.http", "127.0.0.1"},
		{"network.proxy.http_port", port},
		{"network.proxy.ssl", "127.0.0.1"},
		{"network.proxy.ssl_port", port},
		{"network.proxy.share_proxy_settings", false},
		{"network.proxy.no_proxies_on", ""}, // loopback bypasses the proxy anyway
		{"network.proxy.allow_hijacking_localhost", false},
		{"network.proxy.failover_direct", false},
	}
}

// userJS returns the text of user.js for a trap on port.
func userJS(port int) string {
	var sb strings.Builder
	sb.WriteString("// Written by tusach/generator/browsertest/firefox for a test run.\n")
	for _, p := range append(append([]pref(nil), quietPrefs...), trapPrefs(port)...) {
		v, err := json.Marshal(p.value) // strings quoted and escaped as pref files want
		if err != nil {
			panic(fmt.Sprintf("firefox: pref %s: %v", p.name, err))
		}
		fmt.Fprintf(&sb, "user_pref(%q, %s);\n", p.name, v)
	}
	return sb.String()
}

// writeUserJS writes user.js into the profile folder.
func writeUserJS(profile string, port int) error {
	path := filepath.Join(profile, "user.js")
	if err := os.WriteFile(path, []byte(userJS(port)), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
