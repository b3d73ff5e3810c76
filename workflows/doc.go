// Package workflows holds the Temporal workflows of the product: the
// face-to-face filing lifecycle (FilingWorkflow) and the review step every
// review runs on (Review). Workflow code is deterministic: calendar and
// policy data are read by activities, never from globals.
//
// Register the workflows of All with the worker, and the activities of
// package activities.
package workflows
