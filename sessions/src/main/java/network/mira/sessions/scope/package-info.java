/**
 * What a session may do ({@link network.mira.sessions.scope.SessionScope}) and its canonical
 * binary form. Values only: the sessions program and the runtime enforce a scope.
 */
package network.mira.sessions.scope;
