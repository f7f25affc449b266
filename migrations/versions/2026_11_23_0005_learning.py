"""learning: theme rule versions, corrections, the model registry and training runs

Revision ID: 0005
Revises: 0004

No rule set is seeded: while ``theme_rule_sets`` is empty the built-in rules are in use, and the
first save makes version 1.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import voice.db

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('analysis_models',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('trained_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('trained_by_id', sa.Integer(), nullable=True),
    sa.Column('n_records', sa.Integer(), nullable=False),
    sa.Column('n_held_back', sa.Integer(), nullable=False),
    sa.Column('theme_names', sa.JSON(), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('live_scores', sa.JSON(), nullable=False),
    sa.Column('is_live', sa.Boolean(), nullable=False),
    sa.Column('went_live_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('retired_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('files', sa.LargeBinary(), nullable=False),
    sa.Column('files_size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['trained_by_id'], ['users.id'], name=op.f('fk_analysis_models_trained_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_models'))
    )
    with op.batch_alter_table('analysis_models', schema=None) as batch_op:
        # At most one live model, even if two training runs finish at the same moment.
        batch_op.create_index('ix_analysis_models_one_live', ['is_live'], unique=True,
                              postgresql_where=sa.text('is_live'), sqlite_where=sa.text('is_live'))

    op.create_table('theme_rule_sets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('rules', sa.JSON(), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('changed_themes', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_theme_rule_sets_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_theme_rule_sets')),
    sa.UniqueConstraint('version', name=op.f('uq_theme_rule_sets_version'))
    )
    op.create_table('training_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', voice.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('n_corrections', sa.Integer(), nullable=False),
    sa.Column('n_train', sa.Integer(), nullable=False),
    sa.Column('n_held_back', sa.Integer(), nullable=False),
    sa.Column('new_scores', sa.JSON(), nullable=False),
    sa.Column('live_scores', sa.JSON(), nullable=False),
    sa.Column('live_version_before', sa.String(length=60), nullable=True),
    sa.Column('model_id', sa.Integer(), nullable=True),
    sa.Column('inputs_fingerprint', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_training_runs_actor_id_users')),
    sa.ForeignKeyConstraint(['model_id'], ['analysis_models.id'], name=op.f('fk_training_runs_model_id_analysis_models')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_runs'))
    )
    with op.batch_alter_table('training_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_runs_inputs_fingerprint'), ['inputs_fingerprint'], unique=False)

    op.create_table('analysis_corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('voice_item_id', sa.Integer(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('sentiment', sa.String(length=10), nullable=False),
    sa.Column('previous_themes', sa.JSON(), nullable=False),
    sa.Column('previous_sentiment', sa.String(length=10), nullable=True),
    sa.Column('model_version', sa.String(length=60), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('corrected_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', voice.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['corrected_by_id'], ['users.id'], name=op.f('fk_analysis_corrections_corrected_by_id_users')),
    sa.ForeignKeyConstraint(['voice_item_id'], ['voice_items.id'], name=op.f('fk_analysis_corrections_voice_item_id_voice_items')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_corrections'))
    )
    with op.batch_alter_table('analysis_corrections', schema=None) as batch_op:
        batch_op.create_index('ix_analysis_corrections_item_id', ['voice_item_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('analysis_corrections', schema=None) as batch_op:
        batch_op.drop_index('ix_analysis_corrections_item_id')

    op.drop_table('analysis_corrections')
    with op.batch_alter_table('training_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_runs_inputs_fingerprint'))

    op.drop_table('training_runs')
    op.drop_table('theme_rule_sets')
    with op.batch_alter_table('analysis_models', schema=None) as batch_op:
        batch_op.drop_index('ix_analysis_models_one_live', postgresql_where=sa.text('is_live'),
                            sqlite_where=sa.text('is_live'))

    op.drop_table('analysis_models')
