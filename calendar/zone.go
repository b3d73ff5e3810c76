package calendar

import "time"

// Shanghai is the Asia/Shanghai time zone (UTC+08:00, no daylight saving
// since 1991) as a fixed zone, so that the package needs no tzdata.
var Shanghai = time.FixedZone("CST", 8*3600)
