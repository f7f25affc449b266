"""loop: action cards, moderation, commitments ("you said, we did"), notifications, scheduler locks

Revision ID: 0002
Revises: 0001

voice_items itself is created by 0001; this adds its moderation columns.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('scheduler_jobs',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('locked_by', sa.String(length=120), nullable=True),
    sa.Column('locked_until', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_started_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_finished_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_period', sa.String(length=40), nullable=True),
    sa.Column('last_result', sa.Text(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('run_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduler_jobs'))
    )
    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=300), nullable=True),
    sa.Column('dedupe_key', sa.String(length=160), nullable=True),
    sa.Column('read_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('email_wanted', sa.Boolean(), nullable=False),
    sa.Column('emailed_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('email_attempts', sa.Integer(), nullable=False),
    sa.Column('email_error', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    sa.UniqueConstraint('user_id', 'dedupe_key', name='uq_notifications_user_dedupe')
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user_read', ['user_id', 'read_at'], unique=False)

    op.create_table('card_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=16), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('place', sa.String(length=120), nullable=False),
    sa.Column('is_paused', sa.Boolean(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_card_links_area_id_areas')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_card_links_created_by_id_users')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_card_links_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_links')),
    sa.UniqueConstraint('token', name=op.f('uq_card_links_token'))
    )
    with op.batch_alter_table('card_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_links_service_id'), ['service_id'], unique=False)

    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('you_said', sa.Text(), nullable=False),
    sa.Column('we_will', sa.Text(), nullable=False),
    sa.Column('we_did', sa.Text(), nullable=True),
    sa.Column('cant_do_reason', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('owner_organisation_id', sa.Integer(), nullable=False),
    sa.Column('owner_user_id', sa.Integer(), nullable=True),
    sa.Column('rag', sa.String(length=10), nullable=False),
    sa.Column('rag_changed_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('is_public', sa.Boolean(), nullable=False),
    sa.Column('published_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('completed_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assured_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assured_by', sa.String(length=40), nullable=True),
    sa.Column('assured_group', sa.String(length=160), nullable=True),
    sa.Column('assurance_note', sa.Text(), nullable=True),
    sa.Column('assured_recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assured_recorded_by_id'], ['users.id'], name=op.f('fk_commitments_assured_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_commitments_created_by_id_users')),
    sa.ForeignKeyConstraint(['owner_organisation_id'], ['organisations.id'], name=op.f('fk_commitments_owner_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['owner_user_id'], ['users.id'], name=op.f('fk_commitments_owner_user_id_users')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_commitments_service_id_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index('ix_commitments_owner_status', ['owner_organisation_id', 'status'], unique=False)
        batch_op.create_index('ix_commitments_service_public', ['service_id', 'is_public'], unique=False)

    op.create_table('action_cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('link_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.Column('age_band', sa.String(length=20), nullable=True),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('submission_key', sa.String(length=80), nullable=False),
    sa.Column('followup_code_hash', sa.String(length=64), nullable=True),
    sa.Column('voice_item_id', sa.Integer(), nullable=True),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('session_label', sa.String(length=120), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entered_by_id'], ['users.id'], name=op.f('fk_action_cards_entered_by_id_users')),
    sa.ForeignKeyConstraint(['link_id'], ['card_links.id'], name=op.f('fk_action_cards_link_id_card_links')),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], name=op.f('fk_action_cards_service_id_services')),
    sa.ForeignKeyConstraint(['voice_item_id'], ['voice_items.id'], name=op.f('fk_action_cards_voice_item_id_voice_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_cards')),
    sa.UniqueConstraint('followup_code_hash', name=op.f('uq_action_cards_followup_code_hash')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_action_cards_submission_key'))
    )
    with op.batch_alter_table('action_cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_cards_service_id'), ['service_id'], unique=False)

    op.create_table('commitment_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_commitment_comments_author_id_users')),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_comments_commitment_id_commitments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_comments'))
    )
    with op.batch_alter_table('commitment_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_comments_commitment_id'), ['commitment_id'], unique=False)

    op.create_table('commitment_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_commitment_events_actor_id_users')),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_events_commitment_id_commitments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_events'))
    )
    with op.batch_alter_table('commitment_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_events_commitment_id'), ['commitment_id'], unique=False)

    op.create_table('commitment_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('ref', sa.String(length=120), nullable=False),
    sa.Column('voice_item_id', sa.Integer(), nullable=True),
    sa.Column('label', sa.String(length=255), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_sources_commitment_id_commitments')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_commitment_sources_created_by_id_users')),
    sa.ForeignKeyConstraint(['voice_item_id'], ['voice_items.id'], name=op.f('fk_commitment_sources_voice_item_id_voice_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_sources')),
    sa.UniqueConstraint('commitment_id', 'kind', 'ref', name='uq_commitment_sources_ref')
    )
    with op.batch_alter_table('commitment_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitment_sources_commitment_id'), ['commitment_id'], unique=False)
        batch_op.create_index('ix_commitment_sources_kind_ref', ['kind', 'ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitment_sources_voice_item_id'), ['voice_item_id'], unique=False)

    with op.batch_alter_table('voice_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('duplicate_of_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('moderated_at', voice.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('moderated_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hidden_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('escalated_at', voice.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('escalated_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('escalation_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('safeguarding_outcome', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('safeguarding_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('safeguarding_reviewed_at', voice.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('safeguarding_reviewed_by_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_voice_items_duplicate_of_id'), ['duplicate_of_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_voice_items_duplicate_of_id_voice_items'), 'voice_items', ['duplicate_of_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_voice_items_safeguarding_reviewed_by_id_users'), 'users', ['safeguarding_reviewed_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_voice_items_moderated_by_id_users'), 'users', ['moderated_by_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_voice_items_escalated_by_id_users'), 'users', ['escalated_by_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('voice_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_voice_items_escalated_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_voice_items_moderated_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_voice_items_safeguarding_reviewed_by_id_users'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_voice_items_duplicate_of_id_voice_items'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_voice_items_duplicate_of_id'))
        batch_op.drop_column('safeguarding_reviewed_by_id')
        batch_op.drop_column('safeguarding_reviewed_at')
        batch_op.drop_column('safeguarding_note')
        batch_op.drop_column('safeguarding_outcome')
        batch_op.drop_column('escalation_note')
        batch_op.drop_column('escalated_by_id')
        batch_op.drop_column('escalated_at')
        batch_op.drop_column('hidden_reason')
        batch_op.drop_column('moderated_by_id')
        batch_op.drop_column('moderated_at')
        batch_op.drop_column('duplicate_of_id')

    with op.batch_alter_table('commitment_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_sources_voice_item_id'))
        batch_op.drop_index('ix_commitment_sources_kind_ref')
        batch_op.drop_index(batch_op.f('ix_commitment_sources_commitment_id'))

    op.drop_table('commitment_sources')
    with op.batch_alter_table('commitment_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_events_commitment_id'))

    op.drop_table('commitment_events')
    with op.batch_alter_table('commitment_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitment_comments_commitment_id'))

    op.drop_table('commitment_comments')
    with op.batch_alter_table('action_cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_cards_service_id'))

    op.drop_table('action_cards')
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index('ix_commitments_service_public')
        batch_op.drop_index('ix_commitments_owner_status')

    op.drop_table('commitments')
    with op.batch_alter_table('card_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_links_service_id'))

    op.drop_table('card_links')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_read')

    op.drop_table('notifications')
    op.drop_table('scheduler_jobs')
