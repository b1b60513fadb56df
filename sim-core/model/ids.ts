// Branded ids: a Pfn cannot be passed where a Vaddr is expected, as in the kernel's typed handles.

declare const brand: unique symbol;
/** A nominal wrapper over a primitive. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Physical frame number (struct page index). */
export type Pfn = Brand<number, 'Pfn'>;
/** User virtual address (x86-64, 47 bits: fits a JS number exactly). */
export type Vaddr = Brand<number, 'Vaddr'>;
/** Virtual page number: vaddr >> PAGE_SHIFT. */
export type Vpn = Brand<number, 'Vpn'>;
/** Logical CPU number. */
export type CpuId = Brand<number, 'CpuId'>;
/** mm_struct id. */
export type MmId = Brand<number, 'MmId'>;
/** Task (thread) id. */
export type TaskId = Brand<number, 'TaskId'>;
/** Engine actor id (a task or a short-lived kernel activity). */
export type ActorId = Brand<number, 'ActorId'>;
/** vm_area_struct id, unique for the whole run. */
export type VmaId = Brand<number, 'VmaId'>;
/** anon_vma id. */
export type AnonVmaId = Brand<number, 'AnonVmaId'>;
/** A userfaultfd context (struct userfaultfd_ctx). */
export type UffdId = Brand<number, 'UffdId'>;
/** Long-term pin handle created by pin_user_pages. */
export type PinId = Brand<number, 'PinId'>;

/** Brands a number as a Pfn. */
export const pfn = (n: number): Pfn => n as Pfn;
/** Brands a number as a Vaddr. */
export const vaddr = (n: number): Vaddr => n as Vaddr;
/** Brands a number as a Vpn. */
export const vpn = (n: number): Vpn => n as Vpn;
/** Brands a number as a CpuId. */
export const cpuId = (n: number): CpuId => n as CpuId;
/** Brands a number as an MmId. */
export const mmId = (n: number): MmId => n as MmId;
/** Brands a number as a TaskId. */
export const taskId = (n: number): TaskId => n as TaskId;
/** Brands a number as an ActorId. */
export const actorId = (n: number): ActorId => n as ActorId;
/** Brands a number as a VmaId. */
export const vmaId = (n: number): VmaId => n as VmaId;
/** Brands a number as an AnonVmaId. */
export const anonVmaId = (n: number): AnonVmaId => n as AnonVmaId;
/** Brands a number as a PinId. */
export const pinId = (n: number): PinId => n as PinId;
/** Brands a number as a UffdId. */
export const uffdId = (n: number): UffdId => n as UffdId;
