/**
 * Campaigns: their states and counts in the store, shared by every instance.
 */
@NullMarked
package com.outboundsms.worker.campaign;

import org.jspecify.annotations.NullMarked;
