/* cm_regs.h — the System Control Block and MPU registers this firmware
 * touches (ARMv7-M and ARMv8-M share these addresses). */
#ifndef GATEFUZZ_CM_REGS_H
#define GATEFUZZ_CM_REGS_H

#include <stdint.h>

#define GF_REG(addr) (*(volatile uint32_t *)(addr))

#define SCB_VTOR GF_REG(0xE000ED08u)
#define SCB_CCR GF_REG(0xE000ED14u)
#define SCB_SHPR1 GF_REG(0xE000ED18u) /* MemManage, BusFault, UsageFault, SecureFault */
#define SCB_SHPR2 GF_REG(0xE000ED1Cu) /* SVCall in bits 31:24 */
#define SCB_SHCSR GF_REG(0xE000ED24u)
#define SCB_CFSR GF_REG(0xE000ED28u)
#define SCB_HFSR GF_REG(0xE000ED2Cu)
#define SCB_MMFAR GF_REG(0xE000ED34u)
#define SCB_BFAR GF_REG(0xE000ED38u)
#define SCB_SFSR GF_REG(0xE000EDE4u) /* ARMv8-M Security Extension */
#define SCB_SFAR GF_REG(0xE000EDE8u)

#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)
#define SHCSR_SECUREFAULTENA (1u << 19)
#define CCR_DIV_0_TRP (1u << 4)

/* CFSR: MemManage (7:0), BusFault (15:8), UsageFault (31:16). */
#define CFSR_IACCVIOL (1u << 0)
#define CFSR_DACCVIOL (1u << 1)
#define CFSR_MUNSTKERR (1u << 3)
#define CFSR_MSTKERR (1u << 4)
#define CFSR_MMARVALID (1u << 7)
#define CFSR_IBUSERR (1u << 8)
#define CFSR_UNSTKERR (1u << 11)
#define CFSR_STKERR (1u << 12)
#define CFSR_BFARVALID (1u << 15)
#define CFSR_INVSTATE (1u << 17)

#define MPU_TYPE GF_REG(0xE000ED90u)
#define MPU_CTRL GF_REG(0xE000ED94u)
#define MPU_RNR GF_REG(0xE000ED98u)
#define MPU_RBAR GF_REG(0xE000ED9Cu)
#define MPU_RASR_RLAR GF_REG(0xE000EDA0u)
#define MPU_MAIR0 GF_REG(0xE000EDC0u)
#define MPU_MAIR1 GF_REG(0xE000EDC4u)

static inline void gf_cm_barrier(void)
{
	__asm volatile("dsb\n\tisb" ::: "memory");
}

#endif
