package codes

// provinceCodes are the first two digits of ID-card numbers issued by a PRC
// province-level division (GB/T 2260), plus 83 (Taiwan residents' residence
// permits) and 91 (foreigners' permanent residence ID cards).
var provinceCodes = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true, "91": true,
}

// isProvinceCode reports whether cc is a valid ID-card province code.
func isProvinceCode(cc string) bool { return provinceCodes[cc] }
