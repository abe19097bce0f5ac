/**
 * A SIRET is 14 digits whose Luhn sum is a multiple of 10. La Poste's offices share one SIREN
 * and are checked by their digit sum instead; its head office keeps the ordinary rule.
 */
const LA_POSTE_SIREN = "356000000";
const LA_POSTE_HEAD_OFFICE = "35600000000048";

export function normalizeSiret(input: string): string {
  return input.replace(/[\s.]/g, "");
}

export function isValidSiret(input: string): boolean {
  const siret = normalizeSiret(input);
  if (!/^\d{14}$/.test(siret)) return false;
  if (siret.startsWith(LA_POSTE_SIREN) && siret !== LA_POSTE_HEAD_OFFICE) {
    const sum = [...siret].reduce((total, digit) => total + Number(digit), 0);
    return sum % 5 === 0;
  }
  return luhnSum(siret) % 10 === 0;
}

export function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/** Completes 13 digits with the check digit that makes a valid SIRET. */
export function completeSiret(first13: string): string {
  for (let check = 0; check <= 9; check++) {
    const candidate = `${first13}${check}`;
    if (luhnSum(candidate) % 10 === 0) return candidate;
  }
  throw new Error("unreachable: one Luhn digit always exists");
}

export function formatSiret(siret: string): string {
  const s = normalizeSiret(siret);
  return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;
}
