/**
 * Claims: an AI output split into short, independently checkable statements by fixed rules
 * (docs/verification.md, "Claims"). The result decides which claims committees judge, so it is the
 * same on every JVM: only ASCII characters have meaning to the rules, nothing depends on the
 * locale, the default charset or the JDK's Unicode tables, and every limit is a constant.
 */
package network.mira.verification.claims;
