// Package calendar maps instants to the civil days, report periods and business
// hours of a workspace's IANA time zone. It embeds the tz database, so it works
// in environments without /usr/share/zoneinfo (e.g. AWS Lambda).
package calendar

import _ "time/tzdata" // embedded zone data for Lambda runtimes
