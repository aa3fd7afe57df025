#ifndef IDLINT_GLIBC_EXTENSIONS_H
#define IDLINT_GLIBC_EXTENSIONS_H

#include <spawn.h>

/* GNU extensions that Swift's Glibc module does not declare (it is built without
   _GNU_SOURCE), wrapped for the child-process runner. */

/* pipe2(O_CLOEXEC): both ends close on exec from the start, so a program spawned on
   another thread meanwhile cannot inherit them. */
int idlint_pipe_cloexec(int descriptors[2]);

/* Closes every descriptor from `lowest` up in the spawned child
   (posix_spawn_file_actions_addclosefrom_np, glibc 2.34); 0 where the C library has no
   such action, and then descriptors rely on close-on-exec alone. */
int idlint_spawn_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
