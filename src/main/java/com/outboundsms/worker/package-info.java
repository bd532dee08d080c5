/**
 * The outbound SMS worker's entry point, which starts the worker or runs one of its
 * commands.
 */
@NullMarked
package com.outboundsms.worker;

import org.jspecify.annotations.NullMarked;
