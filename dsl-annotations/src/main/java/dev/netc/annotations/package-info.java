/**
 * The netc declaration language: {@link dev.netc.annotations.Network} and {@link
 * dev.netc.annotations.Layer} on an interface or abstract class, and the enums they take. This
 * package has no dependencies and nothing here runs: the netc processor reads these annotations
 * at compile time.
 */
package dev.netc.annotations;
