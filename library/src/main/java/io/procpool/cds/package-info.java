/**
 * Faster worker start-up with an AppCDS archive of the worker's classes: kept per exact class
 * path, Java and options, built once in the background, used with {@code -Xshare:auto} so a
 * stale or missing archive only ever costs speed, never a start.
 */
package io.procpool.cds;
