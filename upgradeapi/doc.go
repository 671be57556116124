// Package upgradeapi is a client of the database-upgrade platform's
// legacy /database/v1/ API (upgrade.odoo.com, Flectra's platform, or a
// self-hosted server at any base URL): create, upload, request_sftp_access,
// process, skip_test and status, plus the downloads the status answer
// links to.
//
// It owns the wire types and their decoding, the encoding of each request
// (form bodies, the streamed upload, the multipart ssh_keys), validation
// before any request (aim, email, IANA timezone with closest-match
// suggestions from a list generated at build time), the output in the
// odoo_upgrade CLI's JSON shape with the private key masked outside the
// answer itself, exit codes, resumable HTTP downloads (Range), polling
// with back-off, the state file and the whole create-to-download flow.
//
// It does not own the SSH/SFTP transport (package sftpxfer), flag parsing
// (cmd/migrate-runner) nor the platform's newer JSON-RPC API
// (/upgrade/request/*), which it does not speak.
package upgradeapi
