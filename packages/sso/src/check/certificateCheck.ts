import { X509Certificate } from 'node:crypto';
import type { SsoFinding } from './findings.js';
import type { LocalSamlConfig } from './localSamlConfigs.js';

const DAY_MS = 86_400_000;

/** What one validation certificate's dates say, for the table and --json. */
export interface CertificateStatus {
  config: string;
  file: string;
  subject: string;
  notAfter: string;
  /** Whole days until notAfter; negative once expired. */
  daysLeft: number;
}

/** The certificate in a `<validationCert>`: base64 DER, or PEM armour pasted by hand. */
function parseCertificate(value: string): X509Certificate {
  const base64 = value.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return new X509Certificate(Buffer.from(base64, 'base64'));
}

/** One finding per SamlSsoConfig: the days its IdP signing certificate has left. */
export function certificateFindings(configs: LocalSamlConfig[], options: { now: Date; warnDays: number }): { findings: SsoFinding[]; certificates: CertificateStatus[] } {
  const findings: SsoFinding[] = [];
  const certificates: CertificateStatus[] = [];
  for (const config of configs) {
    const subject = config.fullName;
    if (!config.validationCert) {
      findings.push({ check: 'certificates', severity: 'error', code: 'CERT_MISSING', subject, message: `${config.file} has no <validationCert>: add the IdP's signing certificate (orgkit sso import writes it from the IdP metadata).` });
      continue;
    }
    let cert: X509Certificate;
    try {
      cert = parseCertificate(config.validationCert);
    } catch {
      findings.push({ check: 'certificates', severity: 'error', code: 'CERT_UNREADABLE', subject, message: `${config.file}: <validationCert> is not a base64 DER X.509 certificate. Re-import the IdP metadata.` });
      continue;
    }
    const notAfter = new Date(cert.validTo);
    const daysLeft = Math.floor((notAfter.getTime() - options.now.getTime()) / DAY_MS);
    const date = notAfter.toISOString().slice(0, 10);
    certificates.push({ config: subject, file: config.file, subject: cert.subject.replace(/\n/g, ', '), notAfter: notAfter.toISOString(), daysLeft });
    if (notAfter.getTime() <= options.now.getTime()) {
      findings.push({ check: 'certificates', severity: 'error', code: 'CERT_EXPIRED', subject, message: `The IdP signing certificate expired on ${date}: every SAML login fails. Import the IdP's current metadata and deploy it.` });
    } else if (daysLeft <= options.warnDays) {
      findings.push({ check: 'certificates', severity: 'warning', code: 'CERT_EXPIRING', subject, message: `The IdP signing certificate expires in ${daysLeft} day(s), on ${date}: get the new certificate from the IdP admin and deploy it before then.` });
    } else {
      findings.push({ check: 'certificates', severity: 'info', code: 'CERT_OK', subject, message: `The IdP signing certificate is valid for ${daysLeft} more days (until ${date}).` });
    }
  }
  return { findings, certificates };
}
