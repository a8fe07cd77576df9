/* main_replay.c — the replay build's main: no engine, just replay. */
#include "replay.h"

int main(int argc, char **argv)
{
	return gf_replay_main(argc, argv);
}
