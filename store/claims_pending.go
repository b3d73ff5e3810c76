package store

// claimPendingQuery selects, for person $1 and year $2, the claims in
// review or returned for amendment, one row per category claimed, in the
// shape of pendingQueries (credits.go): source, subject id, stage,
// category, credits, date (text), institution and description.
const claimPendingQuery = `SELECT 'claim', c.id, c.stage, x.category, x.credits::float8,
		coalesce(c.details->>'end_date', c.details->>'date', c.details->>'completed_on'), '',
		CASE c.kind
			WHEN 'face_to_face' THEN '学分申请 #' || c.id || ' · 面授教育 · ' || (c.details->>'organiser')
			WHEN 'other' THEN '学分申请 #' || c.id || ' · 其他方式 · ' || (c.details->>'form') || ' · ' || (c.details->>'title')
			WHEN 'public_cadre' THEN '学分申请 #' || c.id || ' · 公需科目（干部在线学习网）'
			ELSE '补登 #' || c.id || ' · ' || c.year || ' 年度 · ' || (c.details->>'channel')
		END
	FROM claims c
	CROSS JOIN LATERAL (VALUES ('professional', c.claimed_professional), ('public', c.claimed_public)) AS x (category, credits)
	WHERE c.person_id = $1 AND c.year = $2 AND c.stage IN ('review', 'returned') AND x.credits > 0`

// init adds the claims to the pending items of a person's year, as
// pendingQueries asks each source of reviewed credits to do.
func init() {
	pendingQueries = append(pendingQueries, claimPendingQuery)
}
