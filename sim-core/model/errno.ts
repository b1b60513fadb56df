// errno values (include/uapi/asm-generic/errno-base.h, errno.h): userfaultfd ioctls write -errno into
// their result field (uffdio_copy.copy, uffdio_move.move, ...), so the numbers are visible to users.

/** The errno numbers the simulation can return. */
export const ERRNO: Readonly<Record<string, number>> = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, EBADF: 9, EAGAIN: 11, ENOMEM: 12, EACCES: 13, EFAULT: 14, EBUSY: 16,
  EEXIST: 17, ENODEV: 19, EINVAL: 22, ENOSPC: 28, ENOSYS: 38,
};

/** -errno for an errno name (what the kernel stores in a result field). */
export function negErrno(name: string): number {
  const n = ERRNO[name];
  if (n === undefined) throw new Error(`unknown errno ${name}`);
  return -n;
}
