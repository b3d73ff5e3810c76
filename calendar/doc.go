// Package calendar is the working-day calendar of the State Council holiday
// schedule (国务院办公厅节假日安排) in the Asia/Shanghai time zone.
//
// A working day is Monday to Friday, minus the days off of the schedule,
// plus the adjusted working weekends (调休上班). Schedules are data, one Year
// per calendar year; for a year without data the calendar falls back to plain
// Monday to Friday and marks any deadline computed over it as provisional.
package calendar
