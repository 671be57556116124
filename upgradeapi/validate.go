package upgradeapi

import (
	"fmt"
	"net/mail"
	"strings"
)

// ValidateEmail accepts a bare address (local@domain.tld): no display
// name, no spaces, a dot in the domain and no empty domain label.
func ValidateEmail(email string) error {
	bad := usageErr(fmt.Errorf("--email %q: not an email address", email))
	a, err := mail.ParseAddress(email)
	if err != nil || a.Address != email || a.Name != "" {
		return bad
	}
	at := strings.LastIndexByte(email, '@')
	local, domain := email[:at], email[at+1:]
	if local == "" || strings.ContainsAny(email, " \t\r\n") || strings.HasPrefix(domain, "[") {
		return bad
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return bad
	}
	for _, l := range labels {
		if l == "" || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return bad
		}
	}
	return nil
}
