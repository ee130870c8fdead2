// Page arguments as every list use case takes them, clamped to sane bounds.
import type { Page } from '../storage/repositories/shared.ts'

export const MAX_PAGE_SIZE = 100

export function toPage(page?: number, pageSize?: number): Page {
  return {
    page: Math.max(1, Math.floor(page ?? 1)),
    pageSize: Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(pageSize ?? 20))),
  }
}
