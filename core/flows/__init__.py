"""The conversation flows: one turn (turn.py) runs the acts every state shares, then the
handler of the current state; flows meet in the host-finding step (host.py)."""
