"""inspectors: young inspectors, frameworks and standards, inspections, ratings, reports

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inspection_frameworks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('family', sa.String(length=80), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('superseded_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('archived_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_inspection_frameworks_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_frameworks')),
    sa.UniqueConstraint('family', 'version', name=op.f('uq_inspection_frameworks_family'))
    )
    op.create_index(op.f('ix_inspection_frameworks_family'), 'inspection_frameworks', ['family'], unique=False)
    op.create_table('inspection_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('follow_up_months', sa.Integer(), nullable=False),
    sa.Column('response_working_days', sa.Integer(), nullable=False),
    sa.Column('certificate_min_green_percent', sa.Integer(), nullable=False),
    sa.Column('certificate_max_red', sa.Integer(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('certificate_min_green_percent BETWEEN 0 AND 100', name=op.f('ck_inspection_settings_green_percent_range')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_inspection_settings_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_settings'))
    )
    op.create_table('inspector_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('age_band', sa.String(length=10), nullable=False),
    sa.Column('consent_on', sa.Date(), nullable=True),
    sa.Column('parent_consent_on', sa.Date(), nullable=True),
    sa.Column('name_preference', sa.String(length=20), nullable=False),
    sa.Column('reward', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_inspector_profiles_created_by_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_inspector_profiles_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspector_profiles')),
    sa.UniqueConstraint('user_id', name=op.f('uq_inspector_profiles_user_id'))
    )
    op.create_table('inspection_standards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('title', sa.String(length=160), nullable=False),
    sa.Column('wording', sa.Text(), nullable=False),
    sa.Column('prompts', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['framework_id'], ['inspection_frameworks.id'], name=op.f('fk_inspection_standards_framework_id_inspection_frameworks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_standards')),
    sa.UniqueConstraint('framework_id', 'code', name=op.f('uq_inspection_standards_framework_id'))
    )
    op.create_index(op.f('ix_inspection_standards_framework_id'), 'inspection_standards', ['framework_id'], unique=False)
    op.create_table('inspections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('visit_from', sa.Date(), nullable=False),
    sa.Column('visit_to', sa.Date(), nullable=False),
    sa.Column('self_assessment_due', sa.Date(), nullable=True),
    sa.Column('brief', sa.Text(), nullable=False),
    sa.Column('lead_inspector_id', sa.Integer(), nullable=True),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_of_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('self_assessment_submitted_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('self_assessment_submitted_by_id', sa.Integer(), nullable=True),
    sa.Column('scoring_closed_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('lead_agreed_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('lead_agreed_recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('officer_agreed_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('officer_agreed_by_id', sa.Integer(), nullable=True),
    sa.Column('shared_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('response_due_on', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('published_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('certificate_awarded', sa.Boolean(), nullable=False),
    sa.Column('cancelled_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('visit_from <= visit_to', name=op.f('ck_inspections_visit_dates_in_order')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_inspections_created_by_id_users')),
    sa.ForeignKeyConstraint(['follow_up_of_id'], ['inspections.id'], name=op.f('fk_inspections_follow_up_of_id_inspections')),
    sa.ForeignKeyConstraint(['framework_id'], ['inspection_frameworks.id'], name=op.f('fk_inspections_framework_id_inspection_frameworks')),
    sa.ForeignKeyConstraint(['lead_agreed_recorded_by_id'], ['users.id'], name=op.f('fk_inspections_lead_agreed_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['lead_inspector_id'], ['users.id'], name=op.f('fk_inspections_lead_inspector_id_users')),
    sa.ForeignKeyConstraint(['officer_agreed_by_id'], ['users.id'], name=op.f('fk_inspections_officer_agreed_by_id_users')),
    sa.ForeignKeyConstraint(['officer_id'], ['users.id'], name=op.f('fk_inspections_officer_id_users')),
    sa.ForeignKeyConstraint(['published_by_id'], ['users.id'], name=op.f('fk_inspections_published_by_id_users')),
    sa.ForeignKeyConstraint(['self_assessment_submitted_by_id'], ['users.id'], name=op.f('fk_inspections_self_assessment_submitted_by_id_users')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_inspections_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspections'))
    )
    op.create_index(op.f('ix_inspections_follow_up_of_id'), 'inspections', ['follow_up_of_id'], unique=False)
    op.create_index(op.f('ix_inspections_framework_id'), 'inspections', ['framework_id'], unique=False)
    op.create_index(op.f('ix_inspections_service_id'), 'inspections', ['service_id'], unique=False)
    op.create_table('inspector_training',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('course', sa.String(length=120), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['inspector_profiles.id'], name=op.f('fk_inspector_training_profile_id_inspector_profiles'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_inspector_training_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspector_training'))
    )
    op.create_index(op.f('ix_inspector_training_profile_id'), 'inspector_training', ['profile_id'], unique=False)
    op.create_table('inspection_highlights',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('written_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_highlights_inspection_id_inspections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f('fk_inspection_highlights_written_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_highlights'))
    )
    op.create_index(op.f('ix_inspection_highlights_inspection_id'), 'inspection_highlights', ['inspection_id'], unique=False)
    op.create_table('inspection_recommendations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('written_by_id', sa.Integer(), nullable=True),
    sa.Column('response', sa.String(length=20), nullable=True),
    sa.Column('response_text', sa.Text(), nullable=False),
    sa.Column('response_by', sa.Date(), nullable=True),
    sa.Column('responded_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('responded_by_id', sa.Integer(), nullable=True),
    sa.Column('commitment_id', sa.Integer(), nullable=True),
    sa.Column('voice_item_id', sa.Integer(), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_inspection_recommendations_commitment_id_commitments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_recommendations_inspection_id_inspections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['responded_by_id'], ['users.id'], name=op.f('fk_inspection_recommendations_responded_by_id_users')),
    sa.ForeignKeyConstraint(['standard_id'], ['inspection_standards.id'], name=op.f('fk_inspection_recommendations_standard_id_inspection_standards')),
    sa.ForeignKeyConstraint(['voice_item_id'], ['voice_items.id'], name=op.f('fk_inspection_recommendations_voice_item_id_voice_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['written_by_id'], ['users.id'], name=op.f('fk_inspection_recommendations_written_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_recommendations'))
    )
    op.create_index(op.f('ix_inspection_recommendations_commitment_id'), 'inspection_recommendations', ['commitment_id'], unique=False)
    op.create_index(op.f('ix_inspection_recommendations_inspection_id'), 'inspection_recommendations', ['inspection_id'], unique=False)
    op.create_table('inspection_self_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.String(length=5), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("rating IS NULL OR rating IN ('red', 'amber', 'green')", name=op.f('ck_inspection_self_assessments_rating_is_rag')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_self_assessments_inspection_id_inspections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['standard_id'], ['inspection_standards.id'], name=op.f('fk_inspection_self_assessments_standard_id_inspection_standards')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_inspection_self_assessments_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_self_assessments')),
    sa.UniqueConstraint('inspection_id', 'standard_id', name=op.f('uq_inspection_self_assessments_inspection_id'))
    )
    op.create_index(op.f('ix_inspection_self_assessments_inspection_id'), 'inspection_self_assessments', ['inspection_id'], unique=False)
    op.create_table('inspection_team_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_team_members_inspection_id_inspections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_inspection_team_members_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_team_members')),
    sa.UniqueConstraint('inspection_id', 'user_id', name=op.f('uq_inspection_team_members_inspection_id'))
    )
    op.create_index(op.f('ix_inspection_team_members_inspection_id'), 'inspection_team_members', ['inspection_id'], unique=False)
    op.create_index(op.f('ix_inspection_team_members_user_id'), 'inspection_team_members', ['user_id'], unique=False)
    op.create_table('inspection_team_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.String(length=5), nullable=True),
    sa.Column('not_checked', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("rating IS NULL OR rating IN ('red', 'amber', 'green')", name=op.f('ck_inspection_team_ratings_rating_is_rag')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_team_ratings_inspection_id_inspections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['standard_id'], ['inspection_standards.id'], name=op.f('fk_inspection_team_ratings_standard_id_inspection_standards')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_inspection_team_ratings_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_team_ratings')),
    sa.UniqueConstraint('inspection_id', 'standard_id', name=op.f('uq_inspection_team_ratings_inspection_id'))
    )
    op.create_index(op.f('ix_inspection_team_ratings_inspection_id'), 'inspection_team_ratings', ['inspection_id'], unique=False)
    op.create_table('inspector_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('profile_id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=True),
    sa.Column('worked_on', sa.Date(), nullable=False),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('activity', sa.String(length=20), nullable=False),
    sa.Column('reward', sa.String(length=20), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('minutes > 0 AND minutes <= 1440', name=op.f('ck_inspector_hours_minutes_in_a_day')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspector_hours_inspection_id_inspections'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['profile_id'], ['inspector_profiles.id'], name=op.f('fk_inspector_hours_profile_id_inspector_profiles')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_inspector_hours_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspector_hours'))
    )
    op.create_index(op.f('ix_inspector_hours_profile_id'), 'inspector_hours', ['profile_id'], unique=False)
    op.create_table('inspector_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.String(length=5), nullable=True),
    sa.Column('not_checked', sa.Boolean(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('updated_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("rating IS NULL OR rating IN ('red', 'amber', 'green')", name=op.f('ck_inspector_scores_rating_is_rag')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspector_scores_inspection_id_inspections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['standard_id'], ['inspection_standards.id'], name=op.f('fk_inspector_scores_standard_id_inspection_standards')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_inspector_scores_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspector_scores')),
    sa.UniqueConstraint('inspection_id', 'user_id', 'standard_id', name=op.f('uq_inspector_scores_inspection_id'))
    )
    op.create_index(op.f('ix_inspector_scores_inspection_id'), 'inspector_scores', ['inspection_id'], unique=False)
    op.create_table('inspection_assurance_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('checked_by_id', sa.Integer(), nullable=True),
    sa.Column('checked_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['checked_by_id'], ['users.id'], name=op.f('fk_inspection_assurance_checks_checked_by_id_users')),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspections.id'], name=op.f('fk_inspection_assurance_checks_inspection_id_inspections'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recommendation_id'], ['inspection_recommendations.id'], name=op.f('fk_inspection_assurance_checks_recommendation_id_inspection_recommendations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inspection_assurance_checks')),
    sa.UniqueConstraint('inspection_id', 'recommendation_id', name=op.f('uq_inspection_assurance_checks_inspection_id'))
    )
    op.create_index(op.f('ix_inspection_assurance_checks_inspection_id'), 'inspection_assurance_checks', ['inspection_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_inspection_assurance_checks_inspection_id'), table_name='inspection_assurance_checks')
    op.drop_table('inspection_assurance_checks')
    op.drop_index(op.f('ix_inspector_scores_inspection_id'), table_name='inspector_scores')
    op.drop_table('inspector_scores')
    op.drop_index(op.f('ix_inspector_hours_profile_id'), table_name='inspector_hours')
    op.drop_table('inspector_hours')
    op.drop_index(op.f('ix_inspection_team_ratings_inspection_id'), table_name='inspection_team_ratings')
    op.drop_table('inspection_team_ratings')
    op.drop_index(op.f('ix_inspection_team_members_user_id'), table_name='inspection_team_members')
    op.drop_index(op.f('ix_inspection_team_members_inspection_id'), table_name='inspection_team_members')
    op.drop_table('inspection_team_members')
    op.drop_index(op.f('ix_inspection_self_assessments_inspection_id'), table_name='inspection_self_assessments')
    op.drop_table('inspection_self_assessments')
    op.drop_index(op.f('ix_inspection_recommendations_inspection_id'), table_name='inspection_recommendations')
    op.drop_index(op.f('ix_inspection_recommendations_commitment_id'), table_name='inspection_recommendations')
    op.drop_table('inspection_recommendations')
    op.drop_index(op.f('ix_inspection_highlights_inspection_id'), table_name='inspection_highlights')
    op.drop_table('inspection_highlights')
    op.drop_index(op.f('ix_inspector_training_profile_id'), table_name='inspector_training')
    op.drop_table('inspector_training')
    op.drop_index(op.f('ix_inspections_service_id'), table_name='inspections')
    op.drop_index(op.f('ix_inspections_framework_id'), table_name='inspections')
    op.drop_index(op.f('ix_inspections_follow_up_of_id'), table_name='inspections')
    op.drop_table('inspections')
    op.drop_index(op.f('ix_inspection_standards_framework_id'), table_name='inspection_standards')
    op.drop_table('inspection_standards')
    op.drop_table('inspector_profiles')
    op.drop_table('inspection_settings')
    op.drop_index(op.f('ix_inspection_frameworks_family'), table_name='inspection_frameworks')
    op.drop_table('inspection_frameworks')
