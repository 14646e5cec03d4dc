// Role memberships of a user: how one reads ("Leerkracht — De Regenboog (groepen 7A, 8B)") and the
// editor for them: per membership a role, and the school, groups or partner organisation it needs.
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormFieldErrorMessage,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FieldErrors, fieldId, SelectField, TextField } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import {
  type AssignableRole,
  assignableRoles,
  isAssignableRole,
  type PartnerOrganisation,
  type School,
  type User,
} from './data.ts';

/** A membership as the form holds it: text as typed, so nothing is lost on a failed save. */
export type MembershipDraft = {
  key: number;
  role: AssignableRole | '';
  schoolId: string;
  groups: string;
  partnerOrganisationId: string;
};

let nextKey = 1;
export function emptyMembership(): MembershipDraft {
  nextKey += 1;
  return { key: nextKey, role: '', schoolId: '', groups: '', partnerOrganisationId: '' };
}

export function draftsOf(user: User): MembershipDraft[] {
  return user.memberships.map((membership) => ({
    ...emptyMembership(),
    role: isAssignableRole(membership.role) ? membership.role : '',
    schoolId: membership.schoolId ?? '',
    groups: membership.groups.join(', '),
    partnerOrganisationId: membership.partnerOrganisationId ?? '',
  }));
}

/** The body the contract's MembershipInput expects; the schema then says what is missing. */
export function membershipBody(draft: MembershipDraft): Record<string, unknown> {
  switch (draft.role) {
    case 'school_ib':
    case 'school_director':
      return { role: draft.role, schoolId: draft.schoolId };
    case 'teacher':
      return {
        role: draft.role,
        schoolId: draft.schoolId,
        groups: draft.groups
          .split(',')
          .map((group) => group.trim())
          .filter((group) => group !== ''),
      };
    case 'partner':
      return { role: draft.role, partnerOrganisationId: draft.partnerOrganisationId };
    default:
      return { role: draft.role };
  }
}

export function useMembershipLabel(
  schools: ReadonlyMap<string, School>,
  partners: ReadonlyMap<string, PartnerOrganisation>,
) {
  const { t } = useI18n();
  return (membership: User['memberships'][number]): string => {
    const role = isAssignableRole(membership.role) ? t(`role.${membership.role}`) : membership.role;
    const where = membership.schoolId
      ? (schools.get(membership.schoolId)?.name ?? t('admin.unknown'))
      : membership.partnerOrganisationId
        ? (partners.get(membership.partnerOrganisationId)?.name ?? t('admin.unknown'))
        : null;
    const groups = membership.groups.length
      ? ` ${t('admin.memberships.groupsShort', { groups: membership.groups.join(', ') })}`
      : '';
    return where ? `${role} — ${where}${groups}` : role;
  };
}

export function MembershipsEditor({
  drafts,
  onChange,
  errors,
  schools,
  partners,
}: {
  drafts: MembershipDraft[];
  onChange: (drafts: MembershipDraft[]) => void;
  errors: FieldErrors;
  schools: readonly School[];
  partners: readonly PartnerOrganisation[];
}) {
  const { t } = useI18n();
  const update = (key: number, change: Partial<MembershipDraft>) =>
    onChange(drafts.map((draft) => (draft.key === key ? { ...draft, ...change } : draft)));
  const schoolOptions = schools.map((school) => ({
    value: school.id,
    label: `${school.name} (${school.locationCode})`,
  }));
  const partnerOptions = partners.map((partner) => ({ value: partner.id, label: partner.name }));
  const roleOptions = assignableRoles.map((role) => ({ value: role, label: t(`role.${role}`) }));

  return (
    <Fieldset>
      <FieldsetLegend>{t('admin.memberships.legend')}</FieldsetLegend>
      <Paragraph>{t('admin.memberships.hint')}</Paragraph>
      {drafts.map((draft, index) => {
        const path = `memberships.${index}`;
        const needsSchool =
          draft.role === 'school_ib' || draft.role === 'school_director' || draft.role === 'teacher';
        return (
          <section
            key={draft.key}
            className="passend-admin-membership"
            aria-label={t('admin.memberships.item', { number: index + 1 })}
          >
            <SelectField
              path={`${path}.role`}
              label={t('admin.memberships.role', { number: index + 1 })}
              placeholder={t('admin.memberships.chooseRole')}
              value={draft.role}
              options={roleOptions}
              error={errors[`${path}.role`]}
              onChange={(role) => update(draft.key, { role: isAssignableRole(role) ? role : '' })}
            />
            {needsSchool && (
              <SelectField
                path={`${path}.schoolId`}
                label={t('admin.memberships.school')}
                placeholder={t('admin.memberships.chooseSchool')}
                value={draft.schoolId}
                options={schoolOptions}
                error={errors[`${path}.schoolId`]}
                onChange={(schoolId) => update(draft.key, { schoolId })}
              />
            )}
            {draft.role === 'teacher' && (
              <TextField
                path={`${path}.groups`}
                label={t('admin.memberships.groups')}
                description={t('admin.memberships.groupsHint')}
                value={draft.groups}
                error={errors[`${path}.groups`]}
                onChange={(groups) => update(draft.key, { groups })}
              />
            )}
            {draft.role === 'partner' &&
              (partnerOptions.length === 0 ? (
                <Paragraph>{t('admin.memberships.noPartners')}</Paragraph>
              ) : (
                <SelectField
                  path={`${path}.partnerOrganisationId`}
                  label={t('admin.memberships.partner')}
                  placeholder={t('admin.memberships.choosePartner')}
                  value={draft.partnerOrganisationId}
                  options={partnerOptions}
                  error={errors[`${path}.partnerOrganisationId`]}
                  onChange={(partnerOrganisationId) => update(draft.key, { partnerOrganisationId })}
                />
              ))}
            {drafts.length > 1 && (
              <Button
                appearance="subtle-button"
                onClick={() => {
                  onChange(drafts.filter((other) => other.key !== draft.key));
                  document.getElementById(fieldId('memberships'))?.focus();
                }}
              >
                {t('admin.memberships.remove', { number: index + 1 })}
              </Button>
            )}
          </section>
        );
      })}
      <div>
        {errors.memberships && (
          <FormFieldErrorMessage id={`${fieldId('memberships')}-error`}>
            {t(errors.memberships)}
          </FormFieldErrorMessage>
        )}
        <Button
          id={fieldId('memberships')}
          aria-describedby={errors.memberships ? `${fieldId('memberships')}-error` : undefined}
          appearance="secondary-action-button"
          onClick={() => {
            const added = emptyMembership();
            onChange([...drafts, added]);
            // Move to the new membership's first field once it is there.
            requestAnimationFrame(() =>
              document.getElementById(fieldId(`memberships.${drafts.length}.role`))?.focus(),
            );
          }}
        >
          {t('admin.memberships.add')}
        </Button>
      </div>
    </Fieldset>
  );
}
