/**
 * Where results go out: the result exchange and the publisher of result events, with
 * publisher confirms.
 */
package com.outboundsms.worker.outbound;
