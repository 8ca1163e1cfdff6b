/** The account's details: its time zone (when the daily allocation resets) and the allocation. */
package io.serversidesync.runner.destination.hubspot.account;
