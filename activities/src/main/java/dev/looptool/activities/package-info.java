/** Activity implementations grouped by worker pool. */
package dev.looptool.activities;
