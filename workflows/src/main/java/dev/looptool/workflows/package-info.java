/** Workflow and activity interfaces, the records that cross Temporal, workflow implementations. */
package dev.looptool.workflows;
